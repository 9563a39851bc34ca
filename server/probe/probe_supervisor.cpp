#include "server/probe/probe_supervisor.h"

#include "server/cache/event_bus.h"
#include "server/cache/redis_client.h"
#include "server/cache/redis_keys.h"
#include "server/metrics/metrics.h"
#include "server/probe/ingest_probe.h"
#include "server/probe/segment_watcher.h"
#include "shared/live_event.h"

#include <QLoggingCategory>

#include <cmath>

namespace nova {

Q_LOGGING_CATEGORY(lcProbe, "nova.probe")

namespace {
constexpr int kLeaseMs = 6000;
constexpr std::chrono::milliseconds kRenewEvery{2000};

// Renews the lease if this replica holds it, or takes it back if nobody does (Redis restarted
// empty); 0 when another replica holds it.
const RedisScript &renewScript()
{
    static const RedisScript script(QByteArrayLiteral(
        "local holder = redis.call('GET', KEYS[1]) "
        "if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end "
        "if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
        "return 0"));
    return script;
}

const RedisScript &releaseScript()
{
    static const RedisScript script(QByteArrayLiteral(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) "
        "else return 0 end"));
    return script;
}

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}
} // namespace

ProbeSupervisor::ProbeSupervisor(RedisClient &redis, EventBus &bus, Metrics &metrics,
                                 ProbeUrlOf probeUrlOf, QString hlsPath, QString application,
                                 QObject *parent)
    : QObject(parent)
    , m_redis(redis)
    , m_bus(bus)
    , m_metrics(metrics)
    , m_probeUrlOf(std::move(probeUrlOf))
    , m_application(std::move(application))
    , m_replica(QUuid::createUuid().toByteArray(QUuid::WithoutBraces))
    , m_segments(std::make_unique<SegmentWatcher>(std::move(hlsPath)))
{
    connect(m_segments.get(), &SegmentWatcher::segmentGenerated, this,
            [this](const QString &rendition, double seconds) {
                m_metrics.observeSegmentGeneration(rendition, seconds);
            });
    // The ingest goes on without its HLS: say so, where operators look.
    connect(m_segments.get(), &SegmentWatcher::stalled, this,
            [this](const QUuid &stream, double seconds, bool emptySegments) {
                m_metrics.countHlsStall();
                qCWarning(lcProbe).noquote()
                    << "HLS of stream" << stream.toString(QUuid::WithoutBraces) << "stalled"
                    << (emptySegments ? "(the ladder writes empty segments: is the HLS disk full?)"
                                      : "(the ladder writes none: see its log)")
                    << "no new segment for" << qRound(seconds) << "s";
            });
    connect(m_segments.get(), &SegmentWatcher::renditionDropped, this,
            [this](const QUuid &stream, const QString &rendition, const QString &why) {
                m_metrics.countRenditionDropped(rendition);
                qCWarning(lcProbe).noquote()
                    << "HLS of stream" << stream.toString(QUuid::WithoutBraces) << "lost its"
                    << rendition << "rendition:" << why;
            });
    connect(
        m_segments.get(), &SegmentWatcher::resumed, this, [](const QUuid &stream, double seconds) {
            qCInfo(lcProbe).noquote() << "HLS of stream" << stream.toString(QUuid::WithoutBraces)
                                      << "resumed after" << qRound(seconds) << "s";
        });
    connect(m_segments.get(), &SegmentWatcher::playable, this, &ProbeSupervisor::playable);
    m_renewTimer.setInterval(kRenewEvery);
    connect(&m_renewTimer, &QTimer::timeout, this, &ProbeSupervisor::renewLeases);
    m_renewTimer.start();
}

ProbeSupervisor::~ProbeSupervisor()
{
    for (const QUuid &stream : m_probes.keys())
        stop(stream);
}

void ProbeSupervisor::retryPlayable(const QUuid &stream)
{
    m_segments->forgetPlayable(stream);
}

void ProbeSupervisor::onStat(const NginxStat &stat)
{
    QHash<QUuid, QString> live; // stream -> node
    for (const NginxStat::Stream &stream : stat.publishing(m_application)) {
        const QUuid id = QUuid::fromString(stream.name);
        if (!id.isNull())
            live.insert(id, stream.node);
    }
    for (const QUuid &stream : m_probes.keys()) {
        if (!live.contains(stream))
            stop(stream);
    }
    for (auto it = live.cbegin(); it != live.cend(); ++it) {
        // A stream that moved to another node is read from there, by the same lease holder.
        const QString url = m_probeUrlOf(it.key(), it.value());
        if (IngestProbe *probe = m_probes.value(it.key());
            probe && m_probeUrls.value(it.key()) != url) {
            delete probe;
            m_probes.insert(it.key(), makeProbe(it.key(), url));
            qCInfo(lcProbe).noquote() << "probing" << it.key().toString(QUuid::WithoutBraces)
                                      << "on" << it.value() << "now";
            continue;
        }
        want(it.key(), it.value());
    }
}

void ProbeSupervisor::onEvent(const BusEvent &event)
{
    if (event.name == QLatin1StringView(LiveEvent::kStreamStarted))
        want(event.streamId, QString());
    else if (event.name == QLatin1StringView(LiveEvent::kStreamEnded))
        stop(event.streamId);
}

void ProbeSupervisor::want(const QUuid &stream, const QString &node)
{
    if (m_probes.contains(stream) || m_asking.contains(stream))
        return;
    if (!m_redis.isConnected()) {
        start(stream, node);
        return;
    }
    m_asking.insert(stream);
    m_redis
        .command({"SET", RedisKeys::probeLease(stream), m_replica, "NX", "PX",
                  QByteArray::number(kLeaseMs)})
        .then(this, [this, stream, node](QFuture<RedisReply> done) {
            m_asking.remove(stream);
            try {
                if (done.result().type == RedisReply::Type::Status) // OK: the lease is ours
                    start(stream, node);
            } catch (const std::exception &) {
                start(stream, node); // Redis went away meanwhile: measure rather than not
            }
        });
}

void ProbeSupervisor::start(const QUuid &stream, const QString &node)
{
    if (m_probes.contains(stream))
        return;
    m_probes.insert(stream, makeProbe(stream, m_probeUrlOf(stream, node)));
    m_segments->watch(stream);
    qCInfo(lcProbe).noquote() << "probing" << stream.toString(QUuid::WithoutBraces);
}

IngestProbe *ProbeSupervisor::makeProbe(const QUuid &stream, const QString &url)
{
    const QString id = stream.toString(QUuid::WithoutBraces);
    auto *probe = new IngestProbe(url + u'/' + id, this);
    connect(probe, &IngestProbe::latencyObserved, this,
            [this](double seconds) { m_metrics.observeIngestLatency(seconds); });
    connect(probe, &IngestProbe::reading, this, [this, stream](const IngestProbe::Reading &r) {
        QJsonObject fields{
            {QStringLiteral("bitrate_kbps"), rounded(r.bitrateKbps, 0)},
            {QStringLiteral("fps"), rounded(r.fps, 1)},
            {QStringLiteral("ingest_latency_ms"),
             r.latencyMs ? QJsonValue(rounded(*r.latencyMs, 0)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("keyframe_interval_s"),
             r.keyframeIntervalS ? QJsonValue(rounded(*r.keyframeIntervalS, 2))
                                 : QJsonValue(QJsonValue::Null)}};
        m_bus.publish(QString::fromLatin1(LiveEvent::kStreamMetrics), stream, fields);
    });
    m_probeUrls.insert(stream, url);
    probe->start();
    return probe;
}

void ProbeSupervisor::stop(const QUuid &stream)
{
    IngestProbe *probe = m_probes.take(stream);
    m_probeUrls.remove(stream);
    if (!probe)
        return;
    delete probe; // its thread ends by itself within one interrupted read
    m_segments->unwatch(stream);
    m_redis.eval(releaseScript(), {RedisKeys::probeLease(stream)}, {m_replica});
    qCInfo(lcProbe).noquote() << "stopped probing" << stream.toString(QUuid::WithoutBraces);
}

void ProbeSupervisor::renewLeases()
{
    if (!m_redis.isConnected())
        return;
    for (const QUuid &stream : m_probes.keys()) {
        m_redis
            .eval(renewScript(), {RedisKeys::probeLease(stream)},
                  {m_replica, QByteArray::number(kLeaseMs)})
            .then(this, [this, stream](QFuture<RedisReply> done) {
                try {
                    if (done.result().integer == 0 && m_probes.contains(stream)) {
                        // Another replica holds it now (ours lapsed while Redis was away).
                        qCInfo(lcProbe) << "lease lost; another replica probes this stream";
                        stop(stream);
                    }
                } catch (const std::exception &) {
                }
            });
    }
}

} // namespace nova
