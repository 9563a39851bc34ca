#include "server/health/event_loop_lag.h"

#include <algorithm>

namespace nova {

EventLoopLag::EventLoopLag(std::chrono::milliseconds tick, std::chrono::milliseconds window,
                           QObject *parent)
    : QObject(parent)
    , m_tick(tick)
    , m_window(window)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(m_tick);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopLag::onTick);
}

void EventLoopLag::start()
{
    m_sinceTick.start();
    m_sinceWindow.start();
    m_timer.start();
}

void EventLoopLag::onTick()
{
    const qint64 late = m_sinceTick.nsecsElapsed() -
                        std::chrono::duration_cast<std::chrono::nanoseconds>(m_tick).count();
    m_sinceTick.start();
    m_worstNs = std::max(m_worstNs, std::max<qint64>(0, late));
    if (m_sinceWindow.elapsed() >= m_window.count()) {
        emit measured(double(m_worstNs) / 1e9);
        m_worstNs = 0;
        m_sinceWindow.start();
    }
}

} // namespace nova
