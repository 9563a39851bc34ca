#include "server/cache/event_bus.h"

#include "server/cache/redis_keys.h"
#include "shared/qt_compat.h"
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

const QByteArray kSuffix = QByteArrayLiteral("}}");
} // namespace

EventBus::EventBus(RedisClient &commands, RedisClient &subscriber, QObject *parent)
    : QObject(parent)
    , m_commands(commands)
    , m_subscriber(subscriber)
{
    qRegisterMetaType<nova::BusEvent>();
    connect(&m_subscriber, &RedisClient::message, this,
            [this](const QByteArray &, const QByteArray &payload) { receive(payload); });
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

void EventBus::publish(const QString &name, const QUuid &id, QJsonObject fields)
{
    publish(Publication{name, id, std::move(fields), {}, 0});
}

QFuture<qint64> EventBus::publish(Publication publication)
{
    // Serialised once, here: the script only splices the seq in before the two closing braces.
    QJsonObject fields = publication.fields;
    fields.insert(QStringLiteral("stream_id"), publication.stream.toString(QUuid::WithoutBraces));
    const QDateTime at =
        publication.at.isValid() ? publication.at : QDateTime::currentDateTimeUtc();
    fields.insert(QStringLiteral("timestamp"), toRfc3339(at));
    QByteArray data = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    data.chop(1); // "}"
    const QByteArray prefix =
        "{\"event\":\"" + publication.name.toUtf8() + "\",\"data\":" + data + ",\"seq\":";
    const QUuid &id = publication.stream;
    const qint64 floor = std::max(lastSeq(id), publication.floor);
    return m_commands
        .eval(publishScript(), {RedisKeys::seq(id), RedisKeys::events(id), RedisKeys::relayed(id)},
              {RedisKeys::eventsChannel(), prefix, kSuffix, QByteArray::number(kHistoryLength),
               QByteArray::number(kHistorySeconds), QByteArray::number(floor),
               publication.outboxId ? QByteArray::number(publication.outboxId) : QByteArray()})
        .then(this,
              [this, publication, prefix](QFuture<RedisReply> done) -> QFuture<qint64> {
                  try {
                      const RedisReply reply = done.result();
                      if (!reply.isError())
                          return readyFuture(reply.integer); // it comes back subscribed
                      // Redis is there and said no: try again later, through Redis.
                      return failed(QString::fromUtf8(reply.text));
                  } catch (const std::exception &error) {
                      return publishWithoutRedis(publication, prefix,
                                                 QString::fromUtf8(error.what()));
                  }
              })
        .unwrap();
}

QFuture<qint64> EventBus::publishWithoutRedis(const Publication &publication,
                                              const QByteArray &prefix, const QString &redisFailure)
{
    if (!m_fallback || !m_commands.isKnownDown())
        return failed(redisFailure);
    const QUuid id = publication.stream;
    return m_fallback(id, std::max(lastSeq(id), publication.floor), prefix, kSuffix,
                      publication.outboxId)
        .then(this,
              [this, id, redisFailure](QFuture<qint64> done) -> QFuture<qint64> {
                  try {
                      const qint64 seq = done.result();
                      // Known here before its NOTIFY comes back: Redis, once back, numbers on.
                      qint64 &last = m_lastSeq[id];
                      last = std::max(last, seq);
                      return readyFuture(seq);
                  } catch (const std::exception &error) {
                      return failed(redisFailure + QStringLiteral("; without Redis: ") +
                                    QString::fromUtf8(error.what()));
                  }
              })
        .unwrap();
}

QFuture<qint64> EventBus::failed(const QString &reason)
{
    emit publishFailed(reason);
    return QtFuture::makeExceptionalFuture<qint64>(
        std::make_exception_ptr(EventNotPublished(reason)));
}

void EventBus::receive(const QByteArray &eventJson)
{
    auto event = BusEvent::fromJson(eventJson);
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
