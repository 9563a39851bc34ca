#pragma once

#include "server/cache/bus_event.h"
#include "server/cache/redis_client.h"

#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>

namespace nova {

// How live events reach every replica's hub: published through one Redis channel by a script that
// numbers them per stream atomically (so every subscriber sees a stream's events in seq order) and
// keeps the last ones for replay. While Redis is away an event is delivered on this replica only,
// numbered on from the last seq it saw, and Redis's numbering never goes back when it returns.
class EventBus : public QObject
{
    Q_OBJECT

public:
    static constexpr int kHistoryLength = 1000;
    static constexpr int kHistorySeconds = 24 * 3600;

    // `commands` and `subscriber` are two connections: one in subscribe mode carries nothing else.
    EventBus(RedisClient &commands, RedisClient &subscriber, QObject *parent = nullptr);

    void start();

    // Publishes event `name` of stream `id`; `fields` are added to stream_id, timestamp and seq.
    void publish(const QString &name, const QUuid &id, QJsonObject fields);
    // The stream's recent events, oldest first, from Redis (for replays this replica cannot serve).
    QFuture<QList<QByteArray>> history(const QUuid &id);

    // The highest seq this replica has seen for a stream (0 for none).
    qint64 lastSeq(const QUuid &id) const { return m_lastSeq.value(id); }
    // An ended stream's last seq is no longer needed here (Redis keeps its numbering).
    void forget(const QUuid &id) { m_lastSeq.remove(id); }
    // Hands an event numbered elsewhere (a local viewer count while Redis is away) to the hub.
    void deliverLocally(const QString &name, const QUuid &id, QJsonObject fields);

signals:
    void delivered(const nova::BusEvent &event);
    // The subscription came back after a gap: events of that gap are in history().
    void resubscribed();
    void publishFailed(const QString &reason);

private:
    void onMessage(const QByteArray &channel, const QByteArray &payload);
    QJsonObject envelope(const QString &name, const QUuid &id, QJsonObject fields) const;

    RedisClient &m_commands;
    RedisClient &m_subscriber;
    QHash<QUuid, qint64> m_lastSeq;
    bool m_everSubscribed = false;
};

} // namespace nova
