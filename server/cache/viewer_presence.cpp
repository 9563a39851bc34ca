#include "server/cache/viewer_presence.h"

#include "server/cache/event_bus.h"
#include "server/cache/redis_client.h"
#include "server/cache/redis_keys.h"
#include "server/cache/viewer_counts.h"
#include "shared/live_event.h"
#include "shared/rfc3339.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcRedis)

namespace {
constexpr std::chrono::milliseconds kCountEvery{1000};
constexpr int kSessionsPerCommand = 500;

const RedisScript &countScript()
{
    static const RedisScript script = [] {
        QFile file(QStringLiteral(":/redis/viewer_count.lua"));
        file.open(QIODevice::ReadOnly);
        return RedisScript(file.readAll());
    }();
    return script;
}

QByteArray nowMs()
{
    return QByteArray::number(QDateTime::currentMSecsSinceEpoch());
}

QByteArray idBytes(const QUuid &id)
{
    return id.toByteArray(QUuid::WithoutBraces);
}
} // namespace

ViewerPresence::ViewerPresence(RedisClient &redis, EventBus &bus, const ViewerCounts &counts,
                               QObject *parent)
    : QObject(parent)
    , m_redis(redis)
    , m_bus(bus)
    , m_counts(counts)
{
    m_countTimer.setInterval(kCountEvery);
    connect(&m_countTimer, &QTimer::timeout, this, &ViewerPresence::countDirty);
    m_heartbeatTimer.setInterval(kHeartbeat);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &ViewerPresence::heartbeat);
    // Redis is back (perhaps empty): put this replica's viewers back at once.
    connect(&m_redis, &RedisClient::connected, this, &ViewerPresence::heartbeat);
}

void ViewerPresence::start()
{
    m_countTimer.start();
    m_heartbeatTimer.start();
}

int ViewerPresence::localSessions() const
{
    int total = 0;
    for (const auto &sessions : m_sessions)
        total += int(sessions.size());
    return total;
}

void ViewerPresence::forget(const QUuid &stream)
{
    m_localPublished.remove(stream);
    m_localGateMs.remove(stream);
}

QByteArray ViewerPresence::join(const QUuid &stream)
{
    const QByteArray session = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    m_sessions[stream].insert(session);
    m_redis.command({"ZADD", RedisKeys::viewers(stream), nowMs(), session});
    m_redis.command({"SADD", RedisKeys::viewedStreams(), idBytes(stream)});
    m_dirty.insert(stream);
    return session;
}

void ViewerPresence::leave(const QUuid &stream, const QByteArray &session)
{
    auto sessions = m_sessions.find(stream);
    if (sessions == m_sessions.end() || !sessions->remove(session))
        return;
    if (sessions->isEmpty())
        m_sessions.erase(sessions);
    m_redis.command({"ZREM", RedisKeys::viewers(stream), session});
    m_dirty.insert(stream);
}

void ViewerPresence::countDirty()
{
    const QSet<QUuid> dirty = m_dirty;
    for (const QUuid &stream : dirty)
        recount(stream);
}

void ViewerPresence::recount(const QUuid &stream)
{
    if (m_counting.contains(stream))
        return;
    if (!m_redis.isConnected()) {
        countLocally(stream);
        return;
    }
    m_counting.insert(stream);
    const qint64 staleBefore =
        QDateTime::currentMSecsSinceEpoch() - std::chrono::milliseconds(kStaleAfter).count();
    m_redis
        .eval(countScript(),
              {RedisKeys::viewers(stream), RedisKeys::peak(stream), RedisKeys::lastCount(stream),
               RedisKeys::countGate(stream), RedisKeys::seq(stream), RedisKeys::events(stream),
               RedisKeys::viewedStreams()},
              {QByteArray::number(staleBefore), RedisKeys::eventsChannel(), idBytes(stream),
               toRfc3339(QDateTime::currentDateTimeUtc()).toLatin1(),
               QByteArray::number(EventBus::kHistoryLength),
               QByteArray::number(EventBus::kHistorySeconds),
               QByteArray::number(m_bus.lastSeq(stream)),
               QByteArray::number(m_counts.of(stream).peak)})
        .then(this, [this, stream](QFuture<RedisReply> done) {
            m_counting.remove(stream);
            try {
                const RedisReply reply = done.result();
                if (reply.isError() || reply.elements.size() != 3) {
                    qCWarning(lcRedis) << "counting viewers failed:" << reply.text;
                    return;
                }
                m_localPublished.remove(stream);
                const qint64 seq = reply.elements.at(2).integer;
                if (seq < 0)
                    return; // the gate was shut: stays dirty, counted again next second
                m_dirty.remove(stream);
                if (seq > 0)
                    emit countPublished(stream, int(reply.elements.at(0).integer),
                                        int(reply.elements.at(1).integer));
            } catch (const std::exception &) {
                countLocally(stream);
            }
        });
}

void ViewerPresence::countLocally(const QUuid &stream)
{
    const int viewers = localViewers(stream);
    const auto published = m_localPublished.constFind(stream);
    if (published != m_localPublished.cend() && *published == viewers) {
        m_dirty.remove(stream);
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < m_localGateMs.value(stream))
        return; // at most one count a second, here too
    m_localGateMs.insert(stream, now + std::chrono::milliseconds(kCountEvery).count());
    m_dirty.remove(stream);
    const int peak = std::max(viewers, m_counts.of(stream).peak);
    m_bus
        .publish(Publication{
            QString::fromLatin1(LiveEvent::kViewerCountChanged),
            stream,
            {{QStringLiteral("viewer_count"), viewers}, {QStringLiteral("peak_viewers"), peak}},
            {},
            0})
        .then(this, [this, stream, viewers, peak](QFuture<qint64> done) {
            try {
                done.waitForFinished();
                m_localPublished.insert(stream, viewers);
                emit countPublished(stream, viewers, peak);
            } catch (const std::exception &) {
                if (m_localGateMs.contains(stream)) // not forgotten (ended) meanwhile
                    m_dirty.insert(stream);         // not told: counted again next second
            }
        });
}

void ViewerPresence::heartbeat()
{
    const QByteArray now = nowMs();
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        QByteArrayList command{"ZADD", RedisKeys::viewers(it.key())};
        for (const QByteArray &session : it.value()) {
            command << now << session;
            if (command.size() >= 2 + 2 * kSessionsPerCommand) {
                m_redis.command(command);
                command = {"ZADD", RedisKeys::viewers(it.key())};
            }
        }
        if (command.size() > 2)
            m_redis.command(command);
        m_redis.command({"EXPIRE", RedisKeys::viewers(it.key()),
                         QByteArray::number(EventBus::kHistorySeconds)});
        m_redis.command({"SADD", RedisKeys::viewedStreams(), idBytes(it.key())});
    }
    // Every watched stream, wherever its viewers are: a crashed replica's viewers expire here.
    m_redis.command({"SMEMBERS", RedisKeys::viewedStreams()})
        .then(this, [this](QFuture<RedisReply> done) {
            try {
                for (const RedisReply &member : done.result().elements) {
                    const QUuid stream = QUuid::fromString(QLatin1StringView(member.text));
                    if (!stream.isNull())
                        m_dirty.insert(stream);
                }
            } catch (const std::exception &) {
            }
        });
}

QFuture<int> ViewerPresence::peak(const QUuid &stream)
{
    return m_redis.command({"GET", RedisKeys::peak(stream)}).then([](const RedisReply &reply) {
        return reply.text.toInt();
    });
}

} // namespace nova
