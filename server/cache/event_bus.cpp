#include "server/cache/event_bus.h"

#include "server/cache/redis_keys.h"
#include "shared/rfc3339.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcRedis)

namespace {
const RedisScript &publishScript()
{
    static const RedisScript script = [] {
        QFile file(QStringLiteral(":/redis/publish_event.lua"));
        file.open(QIODevice::ReadOnly);
        return RedisScript(file.readAll());
    }();
    return script;
}
} // namespace

EventBus::EventBus(RedisClient &commands, RedisClient &subscriber, QObject *parent)
    : QObject(parent)
    , m_commands(commands)
    , m_subscriber(subscriber)
{
    qRegisterMetaType<nova::BusEvent>();
    connect(&m_subscriber, &RedisClient::message, this, &EventBus::onMessage);
    connect(&m_subscriber, &RedisClient::connected, this, [this] {
        if (m_everSubscribed)
            emit resubscribed();
        m_everSubscribed = true;
    });
}

void EventBus::start()
{
    m_subscriber.subscribe(RedisKeys::eventsChannel());
}

QJsonObject EventBus::envelope(const QString &name, const QUuid &id, QJsonObject fields) const
{
    fields.insert(QStringLiteral("stream_id"), id.toString(QUuid::WithoutBraces));
    fields.insert(QStringLiteral("timestamp"), toRfc3339(QDateTime::currentDateTimeUtc()));
    return {{QStringLiteral("event"), name}, {QStringLiteral("data"), fields}};
}

void EventBus::publish(const QString &name, const QUuid &id, QJsonObject fields)
{
    // Serialised once, here: the script only splices the seq in before the two closing braces.
    fields.insert(QStringLiteral("stream_id"), id.toString(QUuid::WithoutBraces));
    fields.insert(QStringLiteral("timestamp"), toRfc3339(QDateTime::currentDateTimeUtc()));
    QByteArray data = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    data.chop(1); // "}"
    const QByteArray prefix = "{\"event\":\"" + name.toUtf8() + "\",\"data\":" + data + ",\"seq\":";
    fields.remove(QStringLiteral("stream_id"));
    fields.remove(QStringLiteral("timestamp"));
    m_commands
        .eval(publishScript(), {RedisKeys::seq(id), RedisKeys::events(id)},
              {RedisKeys::eventsChannel(), prefix, QByteArrayLiteral("}}"),
               QByteArray::number(kHistoryLength), QByteArray::number(kHistorySeconds),
               QByteArray::number(lastSeq(id))})
        .then(this, [this, name, id, fields](QFuture<RedisReply> done) {
            QString failure;
            try {
                const RedisReply reply = done.result();
                if (!reply.isError())
                    return; // it comes back through the subscription, like everyone's
                failure = QString::fromUtf8(reply.text);
            } catch (const std::exception &error) {
                failure = QString::fromUtf8(error.what());
            }
            emit publishFailed(failure);
            deliverLocally(name, id, fields);
        });
}

void EventBus::deliverLocally(const QString &name, const QUuid &id, QJsonObject fields)
{
    const qint64 seq = lastSeq(id) + 1;
    QJsonObject event = envelope(name, id, std::move(fields));
    QJsonObject data = event.value(u"data").toObject();
    data.insert(QStringLiteral("seq"), seq);
    event.insert(QStringLiteral("data"), data);
    m_lastSeq.insert(id, seq);
    emit delivered(BusEvent{id, seq, name, QJsonDocument(event).toJson(QJsonDocument::Compact)});
}

void EventBus::onMessage(const QByteArray &, const QByteArray &payload)
{
    auto event = BusEvent::fromJson(payload);
    if (!event) {
        qCWarning(lcRedis) << "ignored a malformed event on the bus";
        return;
    }
    qint64 &last = m_lastSeq[event->streamId];
    last = std::max(last, event->seq);
    emit delivered(*event);
}

QFuture<QList<QByteArray>> EventBus::history(const QUuid &id)
{
    return m_commands.command({"LRANGE", RedisKeys::events(id), "0", "-1"})
        .then([](const RedisReply &reply) {
            QList<QByteArray> events;
            for (const RedisReply &element : reply.elements)
                events.append(element.text);
            return events;
        });
}

} // namespace nova
