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

// Heartbeats and reports older than this, at `nowMs`, no longer count.
qint64 staleBefore(qint64 nowMs)
{
    return nowMs - std::chrono::milliseconds(ViewerPresence::kStaleAfter).count();
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

bool ViewerPresence::isViewerId(QByteArrayView id)
{
    if (id.size() < 16 || id.size() > 64)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

bool ViewerPresence::isNamed(const QByteArray &member)
{
    return member.startsWith("w:");
}

QByteArray ViewerPresence::memberOf(QByteArrayView viewerId)
{
    // Apart from the hex sessions of unnamed connections.
    return QByteArrayLiteral("w:") + viewerId.toByteArray();
}

int ViewerPresence::localSessions() const
{
    int total = 0;
    for (const auto &members : m_members) {
        for (const Member &member : members)
            total += member.connections;
    }
    return total;
}

void ViewerPresence::forget(const QUuid &stream)
{
    m_localPublished.remove(stream);
    m_localGateMs.remove(stream);
}

QByteArray ViewerPresence::join(const QUuid &stream, QByteArrayView viewerId)
{
    const QByteArray member =
        isViewerId(viewerId) ? memberOf(viewerId)
                             : QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    ++m_members[stream][member].connections;
    m_redis.command({"ZADD", RedisKeys::viewers(stream), nowMs(), member});
    m_redis.command({"SADD", RedisKeys::viewedStreams(), idBytes(stream)});
    m_dirty.insert(stream);
    return member;
}

void ViewerPresence::leave(const QUuid &stream, const QByteArray &session)
{
    auto members = m_members.find(stream);
    if (members == m_members.end())
        return;
    auto member = members->find(session);
    if (member == members->end() || member->connections == 0)
        return;
    if (--member->connections > 0)
        return;
    if (!isNamed(session) || member->leaving) {
        remove(stream, session);
        return;
    }
    // A watch page's viewer may still be playing (and reporting), or have its socket on another
    // replica now: Redis keeps it until its page says it leaves, or for kStaleAfter.
    if (member->reportedMs < staleBefore(QDateTime::currentMSecsSinceEpoch())) {
        members->erase(member);
        if (members->isEmpty())
            m_members.erase(members);
    }
}

void ViewerPresence::report(const QUuid &stream, QByteArrayView viewerId)
{
    const QByteArray member = memberOf(viewerId);
    Member &known = m_members[stream][member];
    const bool isNew = known.connections == 0 && known.reportedMs == 0;
    known.reportedMs = QDateTime::currentMSecsSinceEpoch();
    known.leaving = false;
    m_redis.command({"ZADD", RedisKeys::viewers(stream), nowMs(), member});
    if (isNew)
        m_redis.command({"SADD", RedisKeys::viewedStreams(), idBytes(stream)});
    // Counted again even when known here: another replica may have let it go meanwhile.
    m_dirty.insert(stream);
}

void ViewerPresence::depart(const QUuid &stream, QByteArrayView viewerId)
{
    const QByteArray member = memberOf(viewerId);
    const auto members = m_members.find(stream);
    if (members != m_members.end()) {
        const auto known = members->find(member);
        if (known != members->end() && known->connections > 0) {
            known->reportedMs = 0;
            known->leaving = true; // gone when its socket closes, as it does next
            return;
        }
    }
    // Reported to another replica perhaps: Redis forgets it either way.
    remove(stream, member);
}

void ViewerPresence::remove(const QUuid &stream, const QByteArray &member)
{
    auto members = m_members.find(stream);
    if (members != m_members.end()) {
        members->remove(member);
        if (members->isEmpty())
            m_members.erase(members);
    }
    m_redis.command({"ZREM", RedisKeys::viewers(stream), member});
    m_dirty.insert(stream);
}

void ViewerPresence::forgetStaleReports(qint64 nowMs)
{
    // Their reports refresh Redis themselves; here they only count while Redis is away.
    const qint64 cutOff = staleBefore(nowMs);
    for (auto members = m_members.begin(); members != m_members.end();) {
        for (auto member = members->begin(); member != members->end();) {
            if (member->connections == 0 && member->reportedMs < cutOff) {
                member = members->erase(member);
                m_dirty.insert(members.key());
            } else {
                ++member;
            }
        }
        members = members->isEmpty() ? m_members.erase(members) : std::next(members);
    }
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
    m_redis
        .eval(countScript(),
              {RedisKeys::viewers(stream), RedisKeys::peak(stream), RedisKeys::lastCount(stream),
               RedisKeys::countGate(stream), RedisKeys::seq(stream), RedisKeys::events(stream),
               RedisKeys::viewedStreams()},
              {QByteArray::number(staleBefore(QDateTime::currentMSecsSinceEpoch())),
               RedisKeys::eventsChannel(), idBytes(stream),
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
    forgetStaleReports(now.toLongLong());
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        QByteArrayList command{"ZADD", RedisKeys::viewers(it.key())};
        for (auto member = it->cbegin(); member != it->cend(); ++member) {
            if (member->connections == 0)
                continue; // a page's reports keep it
            command << now << member.key();
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
