#pragma once

#include "server/cache/bus_event.h"
#include "server/cache/redis_client.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <stdexcept>

namespace nova {

// One event to publish.
struct Publication
{
    QString name;
    QUuid stream;
    QJsonObject fields;  // added to stream_id, timestamp and seq
    QDateTime at;        // when it happened; now if invalid
    qint64 outboxId = 0; // an outbox entry: published once, however often it is retried
    qint64 floor = 0;    // a seq given elsewhere already (the database's): numbered above it
};

// Why an event did not go out (now: it may be tried again).
class EventNotPublished : public std::runtime_error
{
public:
    explicit EventNotPublished(const QString &reason)
        : std::runtime_error(reason.toStdString())
    {}
};

// How live events reach every replica's hub: published through one Redis channel by a script that
// numbers them per stream atomically (so every subscriber sees a stream's events in seq order) and
// keeps the last ones for replay. While Redis is known to be down (RedisClient::isKnownDown) an
// event takes the fallback instead (PostgreSQL: numbered on from the highest seq seen, and
// NOTIFYed to every replica, which hands it to receive()), and Redis's numbering never goes back
// when it returns. A Redis that only stops answering may still run what it was sent, with an older
// floor: then nothing is numbered elsewhere, and an event fails (an outbox entry waits for Redis).
// No replica numbers an event on its own, so a seq means one event on every replica.
class EventBus : public QObject
{
    Q_OBJECT

public:
    static constexpr int kHistoryLength = 1000;
    static constexpr int kHistorySeconds = 24 * 3600;

    // Numbers and sends one event without Redis: `prefix` + seq + `suffix` is its JSON. Deletes
    // outbox entry `outboxId` (if not 0) in the same transaction, and sends nothing if it was
    // gone. Gives the seq.
    using Fallback =
        std::function<QFuture<qint64>(const QUuid &stream, qint64 floor, const QByteArray &prefix,
                                      const QByteArray &suffix, qint64 outboxId)>;

    // `commands` and `subscriber` are two connections: one in subscribe mode carries nothing else.
    EventBus(RedisClient &commands, RedisClient &subscriber, QObject *parent = nullptr);

    void setFallback(Fallback fallback) { m_fallback = std::move(fallback); }
    void start();

    // Publishes an event; gives its seq, or fails with EventNotPublished (also signalled with
    // publishFailed()). An outbox entry published before is not told again: then it gives -seq
    // (the seq it had), or 0 where that is not known (the fallback found it relayed).
    QFuture<qint64> publish(Publication publication);
    // Shorthand for an event that happened now and is no outbox entry.
    void publish(const QString &name, const QUuid &id, QJsonObject fields);
    // An event that reached this replica by the fallback's path.
    void receive(const QByteArray &eventJson);
    // The stream's recent events, oldest first, from Redis (for replays this replica cannot serve).
    QFuture<QList<QByteArray>> history(const QUuid &id);

    // The highest seq this replica has seen for a stream (0 for none).
    qint64 lastSeq(const QUuid &id) const { return m_lastSeq.value(id); }
    // An ended stream's last seq is no longer needed here (Redis keeps its numbering).
    void forget(const QUuid &id) { m_lastSeq.remove(id); }

signals:
    void delivered(const nova::BusEvent &event);
    // The subscription came back after a gap: events of that gap are in history().
    void resubscribed();
    void publishFailed(const QString &reason);

private:
    QFuture<qint64> publishWithoutRedis(const Publication &publication, const QByteArray &prefix,
                                        const QString &redisFailure);
    QFuture<qint64> failed(const QString &reason);

    RedisClient &m_commands;
    RedisClient &m_subscriber;
    Fallback m_fallback;
    QHash<QUuid, qint64> m_lastSeq;
    bool m_everSubscribed = false;
};

} // namespace nova
