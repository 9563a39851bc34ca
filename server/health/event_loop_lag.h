#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace nova {

// How late the event loop runs what is due: a precise timer every `tick`, and how much later than
// that it fired. A loop blocked by a slow handler (or starved of CPU) shows here first; every
// request, hook and WebSocket frame on it waits as long. Tells the worst lateness of each window.
class EventLoopLag : public QObject
{
    Q_OBJECT

public:
    explicit EventLoopLag(std::chrono::milliseconds tick = std::chrono::milliseconds(100),
                          std::chrono::milliseconds window = std::chrono::seconds(1),
                          QObject *parent = nullptr);

    void start();

signals:
    void measured(double worstSeconds);

private:
    void onTick();

    std::chrono::milliseconds m_tick;
    std::chrono::milliseconds m_window;
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_sinceWindow;
    qint64 m_worstNs = 0;
};

} // namespace nova
