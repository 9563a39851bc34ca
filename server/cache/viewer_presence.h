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

    // 16 to 64 of A-Z a-z 0-9 _ -: what a watch page may call its viewer.
    static bool isViewerId(QByteArrayView id);

    void start();
    // A connection of a viewer: `viewerId` when the page named it (isViewerId()), else a session
    // of its own. Returns what to leave() with.
    QByteArray join(const QUuid &stream, QByteArrayView viewerId = {});
    void leave(const QUuid &stream, const QByteArray &session);
    // A watch page's report that its viewer plays the stream: present for kStaleAfter more.
    void report(const QUuid &stream, QByteArrayView viewerId);
    // Its page said it leaves: gone now, unless a connection of the same viewer stays here. (A
    // named viewer's last socket closing leaves it to this, or to kStaleAfter.)
    void depart(const QUuid &stream, QByteArrayView viewerId);
    // Viewers this replica knows of: its connections' and those whose reports came here.
    int localViewers(const QUuid &stream) const { return int(m_members.value(stream).size()); }
    int localSessions() const;
    // Drops an ended stream's local counting state (its viewers' sessions stay until they leave).
    void forget(const QUuid &stream);
    // The stream's peak from Redis (for the record when it ends); nullopt when Redis is away.
    QFuture<int> peak(const QUuid &stream);

signals:
    // This replica published a count (once per change, whichever replica saw it first).
    void countPublished(const QUuid &stream, int viewers, int peak);

private:
    struct Member
    {
        int connections = 0;   // WebSocket sessions of this viewer on this replica
        qint64 reportedMs = 0; // its page's last report here; 0: none
        bool leaving = false;  // its page said it leaves while its socket was still open
    };
    static QByteArray memberOf(QByteArrayView viewerId);
    static bool isNamed(const QByteArray &member); // a watch page's viewer, not a bare socket
    void remove(const QUuid &stream, const QByteArray &member);
    void forgetStaleReports(qint64 nowMs);
    void countDirty();
    void heartbeat();
    void recount(const QUuid &stream);
    void countLocally(const QUuid &stream);

    RedisClient &m_redis;
    EventBus &m_bus;
    const ViewerCounts &m_counts;
    QHash<QUuid, QHash<QByteArray, Member>> m_members; // by the Redis member they count as
    QSet<QUuid> m_dirty;
    QSet<QUuid> m_counting;             // a count script is on its way
    QHash<QUuid, int> m_localPublished; // last count told while Redis was away
    QHash<QUuid, qint64> m_localGateMs;
    QTimer m_countTimer;
    QTimer m_heartbeatTimer;
};

} // namespace nova
