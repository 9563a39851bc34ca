#pragma once

#include "server/cache/bus_event.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUuid>

#include <chrono>
#include <map>

namespace nova {

// Puts each stream's events back in seq order before the hub delivers them. They reach a replica
// by two paths (Redis's channel, PostgreSQL's NOTIFY while some replica cannot reach Redis) and
// from catch-ups of Redis's history, so one may overtake another: an event after a gap waits up to
// `wait` for the ones before it, then goes on without them. Repeats and older events are dropped.
// The first event heard of a stream goes at once: there is no gap to wait for.
class EventOrder : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultWait{200};

    explicit EventOrder(std::chrono::milliseconds wait = kDefaultWait, QObject *parent = nullptr);

    void add(const BusEvent &event);
    // The highest seq let through for the stream (0 for none).
    qint64 last(const QUuid &stream) const;
    void forget(const QUuid &stream) { m_streams.remove(stream); }
    int streams() const { return int(m_streams.size()); }

signals:
    // In seq order per stream, each event once.
    void ready(const BusEvent &event);

private:
    struct Stream
    {
        qint64 last = 0;
        std::map<qint64, BusEvent> held; // after a gap, by seq
        QElapsedTimer holding;           // since the oldest held event came
    };
    void letThrough(Stream &stream, const BusEvent &event);
    // Lets the held events through that no longer wait for a gap (all of them, if `all`).
    void release(Stream &stream, bool all);
    void onTick();

    std::chrono::milliseconds m_wait;
    QHash<QUuid, Stream> m_streams;
    QTimer m_tick; // runs only while some event is held
};

} // namespace nova
