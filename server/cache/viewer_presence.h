#pragma once

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUuid>

namespace nova {

class EventBus;
class RedisClient;
class ViewerCounts;

// Who is watching, across replicas: each viewer connection is a session in the stream's Redis
// sorted set, scored by its last heartbeat, so the viewers of a replica that crashed expire after
// kStaleAfter. Counts are published as viewer_count_changed by a script that counts, keeps the
// peak and lets through at most one count a second per stream. While Redis is away the replica
// counts its own viewers and publishes that through the bus's fallback; its sessions go back into
// Redis with the next heartbeat once Redis returns.
class ViewerPresence : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kHeartbeat{10};
    static constexpr std::chrono::seconds kStaleAfter{30};

    ViewerPresence(RedisClient &redis, EventBus &bus, const ViewerCounts &counts,
                   QObject *parent = nullptr);

    void start();
    QByteArray join(const QUuid &stream);
    void leave(const QUuid &stream, const QByteArray &session);
    int localViewers(const QUuid &stream) const { return int(m_sessions.value(stream).size()); }
    int localSessions() const;
    // Drops an ended stream's local counting state (its viewers' sessions stay until they leave).
    void forget(const QUuid &stream);
    // The stream's peak from Redis (for the record when it ends); nullopt when Redis is away.
    QFuture<int> peak(const QUuid &stream);

signals:
    // This replica published a count (once per change, whichever replica saw it first).
    void countPublished(const QUuid &stream, int viewers, int peak);

private:
    void countDirty();
    void heartbeat();
    void recount(const QUuid &stream);
    void countLocally(const QUuid &stream);

    RedisClient &m_redis;
    EventBus &m_bus;
    const ViewerCounts &m_counts;
    QHash<QUuid, QSet<QByteArray>> m_sessions;
    QSet<QUuid> m_dirty;
    QSet<QUuid> m_counting;             // a count script is on its way
    QHash<QUuid, int> m_localPublished; // last count told while Redis was away
    QHash<QUuid, qint64> m_localGateMs;
    QTimer m_countTimer;
    QTimer m_heartbeatTimer;
};

} // namespace nova
