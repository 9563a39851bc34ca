#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace nova {

// Turns SIGINT and SIGTERM into a Qt signal on the event loop (the handler only writes a byte to a
// pipe; everything else happens in normal code). One per process.
class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

signals:
    void received(int signalNumber);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace nova
