#include "server/hub/event_history.h"

namespace nova {

void EventHistory::add(const QUuid &stream, qint64 seq, const QByteArray &json)
{
    auto &entries = m_streams[stream];
    entries.push_back({seq, json});
    if (entries.size() > kPerStream)
        entries.pop_front();
}

std::optional<QList<EventHistory::Event>> EventHistory::after(const QUuid &stream,
                                                              qint64 since) const
{
    const auto it = m_streams.constFind(stream);
    if (it == m_streams.cend() || it->empty())
        return std::nullopt;
    // Complete only if nothing between `since` and the oldest entry is missing.
    if (it->front().seq > since + 1)
        return std::nullopt;
    QList<Event> events;
    for (const Event &event : *it) {
        if (event.seq > since)
            events.append(event);
    }
    return events;
}

QList<EventHistory::Event> EventHistory::kept(const QUuid &stream) const
{
    const auto it = m_streams.constFind(stream);
    if (it == m_streams.cend())
        return {};
    return QList<Event>(it->begin(), it->end());
}

} // namespace nova
