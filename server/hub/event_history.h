#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QUuid>

#include <deque>
#include <optional>

namespace nova {

// The last events of each stream this replica delivered, for clients that reconnect with ?since.
class EventHistory
{
public:
    static constexpr std::size_t kPerStream = 256;

    void add(const QUuid &stream, qint64 seq, const QByteArray &json);
    struct Event
    {
        qint64 seq;
        QByteArray json;
    };
    // The stream's events after `since`, oldest first; nullopt when some of them are no longer
    // here (the caller then asks Redis's longer history).
    std::optional<QList<Event>> after(const QUuid &stream, qint64 since) const;
    // Everything kept of the stream, oldest first.
    QList<Event> kept(const QUuid &stream) const;
    void forget(const QUuid &stream) { m_streams.remove(stream); }

private:
    QHash<QUuid, std::deque<Event>> m_streams;
};

} // namespace nova
