#include "server/hub/event_order.h"

namespace nova {

EventOrder::EventOrder(std::chrono::milliseconds wait, QObject *parent)
    : QObject(parent)
    , m_wait(wait)
{
    m_tick.setInterval(std::max(std::chrono::milliseconds(10), wait / 4));
    connect(&m_tick, &QTimer::timeout, this, &EventOrder::onTick);
}

qint64 EventOrder::last(const QUuid &stream) const
{
    const auto it = m_streams.constFind(stream);
    return it == m_streams.cend() ? 0 : it->last;
}

void EventOrder::add(const BusEvent &event)
{
    auto found = m_streams.find(event.streamId);
    const bool known = found != m_streams.end();
    if (!known)
        found = m_streams.insert(event.streamId, {});
    Stream &stream = *found;
    if (event.seq <= stream.last)
        return; // delivered already (a repeat, or one that came too late)
    if (known && event.seq > stream.last + 1) {
        if (stream.held.empty())
            stream.holding.start();
        stream.held.emplace(event.seq, event);
        if (!m_tick.isActive())
            m_tick.start();
        return;
    }
    letThrough(stream, event);
    release(stream, false);
}

void EventOrder::letThrough(Stream &stream, const BusEvent &event)
{
    stream.last = event.seq;
    emit ready(event);
}

void EventOrder::release(Stream &stream, bool all)
{
    bool released = false;
    while (!stream.held.empty()) {
        auto first = stream.held.begin();
        if (!all && first->first > stream.last + 1)
            break;
        const BusEvent event = std::move(first->second);
        stream.held.erase(first);
        released = true;
        if (event.seq > stream.last)
            letThrough(stream, event);
    }
    if (released && !stream.held.empty())
        stream.holding.start(); // the next gap waits its own time
}

void EventOrder::onTick()
{
    bool holding = false;
    for (Stream &stream : m_streams) {
        if (stream.held.empty())
            continue;
        if (stream.holding.elapsed() >= m_wait.count())
            release(stream, true); // what did not come is not coming
        holding = holding || !stream.held.empty();
    }
    if (!holding)
        m_tick.stop();
}

} // namespace nova
