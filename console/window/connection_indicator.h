#pragma once

#include <QLabel>

namespace nova {

// One data source's state in the status bar: a coloured dot, its name, and the reason when it
// is down (kept visible, not only in a tooltip).
class ConnectionIndicator : public QLabel
{
    Q_OBJECT

public:
    enum class State
    {
        Unknown,
        Up,
        Connecting,
        Down,
    };

    explicit ConnectionIndicator(const QString &source, QWidget *parent = nullptr);

    void setState(State state, const QString &reason = {});
    State state() const { return m_state; }
    const QString &reason() const { return m_reason; }

private:
    QString m_source;
    State m_state = State::Unknown;
    QString m_reason;
};

} // namespace nova
