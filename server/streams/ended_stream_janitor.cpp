#include "server/streams/ended_stream_janitor.h"

namespace nova {

EndedStreamJanitor::EndedStreamJanitor(std::chrono::milliseconds linger, QObject *parent)
    : QObject(parent)
    , m_linger(linger)
{
    connect(&m_timer, &QTimer::timeout, this, [this] { sweep(); });
}

void EndedStreamJanitor::addForgetter(Forget forget)
{
    m_forgetters.push_back(std::move(forget));
}

void EndedStreamJanitor::start(std::chrono::milliseconds interval)
{
    m_timer.start(interval);
}

void EndedStreamJanitor::streamEnded(const QUuid &id, Clock::time_point now)
{
    m_ended.emplace_back(now + m_linger, id);
}

int EndedStreamJanitor::sweep(Clock::time_point now)
{
    int forgotten = 0;
    while (!m_ended.empty() && m_ended.front().first <= now) {
        const QUuid id = m_ended.front().second;
        m_ended.pop_front();
        for (const Forget &forget : m_forgetters)
            forget(id);
        ++forgotten;
    }
    if (forgotten > 0)
        emit swept(forgotten);
    return forgotten;
}

} // namespace nova
