#include "server/app/server_app.h"

#include "server/accounts/account_controller.h"
#include "server/accounts/account_service.h"
#include "server/auth/authenticator.h"
#include "server/auth/token_registry.h"
#include "server/auth/write_limiter.h"
#include "server/cache/event_bus.h"
#include "server/cache/redis_client.h"
#include "server/cache/viewer_counts.h"
#include "server/cache/viewer_presence.h"
#include "server/health/health_controller.h"
#include "server/health/replica_vitals.h"
#include "server/hooks/hook_access.h"
#include "server/hooks/hook_controller.h"
#include "server/hooks/publish_rate_limiter.h"
#include "server/http/http_server.h"
#include "server/hub/hub_controller.h"
#include "server/hub/websocket_hub.h"
#include "server/ingest/ingest_fleet.h"
#include "server/memory/freed_memory.h"
#include "server/metrics/metrics.h"
#include "server/metrics/metrics_controller.h"
#include "server/probe/probe_supervisor.h"
#include "server/publisher/publisher_controller.h"
#include "server/publisher/publisher_measurements.h"
#include "server/store/database.h"
#include "server/store/database_event_path.h"
#include "server/store/stream_change_listener.h"
#include "server/store/stream_store.h"
#include "server/streams/ended_stream_janitor.h"
#include "server/streams/event_relay.h"
#include "server/streams/history_sampler.h"
#include "server/streams/stream_cache.h"
#include "server/streams/stream_controller.h"
#include "server/streams/stream_reconciler.h"
#include "server/streams/stream_retention.h"
#include "server/streams/stream_service.h"
#include "server/viewers/viewer_report_controller.h"
#include "shared/live_event.h"

#include <QLoggingCategory>
#include <QTimer>

namespace nova {

Q_LOGGING_CATEGORY(lcApp, "nova.server")
Q_LOGGING_CATEGORY(lcMemory, "nova.memory")

namespace {
// Other replicas change streams too; the gauge catches up at least this often.
constexpr std::chrono::seconds kGaugeRefresh{5};
constexpr std::chrono::milliseconds kGaugeSettle{200};
// How long an ended stream's events stay in memory for viewers that reconnect right after the end.
constexpr std::chrono::minutes kEndedStreamLinger{2};
constexpr std::chrono::seconds kPlayableRetry{2}; // after the database failed to record it

HttpLimits httpLimits(const ServerConfig &config)
{
    HttpLimits limits;
    limits.parsing.maxBodyBytes = config.maxBodyBytes;
    limits.idleTimeout = config.httpIdleTimeout;
    limits.requestTimeout = config.httpRequestTimeout;
    limits.maxConnections = config.httpMaxConnections;
    limits.maxConnectionsPerAddress = config.httpMaxConnectionsPerAddress;
    limits.exemptNetworks = config.limitsExempt;
    return limits;
}

HubLimits hubLimits(const ServerConfig &config)
{
    return {config.wsMaxViewersPerAddress, config.limitsExempt, config.wsReplaysPerMinute};
}
} // namespace

ServerApp::ServerApp(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    const std::string databaseUrl = m_config.databaseUrl.toStdString();
    m_database = std::make_unique<Database>(
        Database::Options{databaseUrl, m_config.databasePoolSize, m_config.databaseTimeout, 4096,
                          &StreamStore::prepare});
    m_cache = std::make_unique<StreamCache>();
    m_changes = std::make_unique<StreamChangeListener>(databaseUrl);
    connect(m_changes.get(), &StreamChangeListener::changed, this,
            [this](const StreamRecord &record) { m_cache->apply(record); });
    connect(m_changes.get(), &StreamChangeListener::listening, this,
            [this](bool active) { m_cache->setTrusted(active); });

    QString redisError;
    const auto redisOptions =
        RedisClient::parseUrl(m_config.redisUrl, &redisError).value_or(RedisClient::Options{});
    m_redis = std::make_unique<RedisClient>(redisOptions);
    m_redisSubscriber = std::make_unique<RedisClient>(redisOptions);
    m_bus = std::make_unique<EventBus>(*m_redis, *m_redisSubscriber);
    // Without Redis, events go through PostgreSQL and come back to every replica by NOTIFY.
    m_bus->setFallback([this](const QUuid &stream, qint64 floor, const QByteArray &prefix,
                              const QByteArray &suffix, qint64 outboxId) {
        return publishThroughDatabase(*m_database, stream, floor, prefix, suffix, outboxId);
    });
    connect(m_changes.get(), &StreamChangeListener::eventNotified, m_bus.get(), &EventBus::receive);
    m_viewerCounts = std::make_unique<ViewerCounts>();
    m_presence = std::make_unique<ViewerPresence>(*m_redis, *m_bus, *m_viewerCounts);
    m_ingest = std::make_unique<IngestFleet>(m_config.ingestNodes, m_config.ingestApplication,
                                             m_config.ingestPollInterval);

    m_metrics = std::make_unique<Metrics>();
    m_tokens = std::make_unique<TokenRegistry>(*m_database);
    connect(m_changes.get(), &StreamChangeListener::tokenNotified, m_tokens.get(),
            &TokenRegistry::notified);
    connect(m_changes.get(), &StreamChangeListener::listening, m_tokens.get(),
            &TokenRegistry::setListening);
    m_auth = std::make_unique<Authenticator>(m_config.adminToken, *m_tokens);
    m_writes =
        std::make_unique<WriteLimiter>(m_config.tokenWritesBurst, m_config.tokenWritesPerMinute);
    m_accounts = std::make_unique<AccountService>(*m_database, *m_tokens);
    m_hookAccess = std::make_unique<HookAccess>(m_config.hookAllowedNetworks, m_config.hookSecret,
                                                m_ingest->names());
    m_publishLimiter = std::make_unique<PublishRateLimiter>(PublishRateLimiter::Policy{
        m_config.publishFailuresBurst,
        std::chrono::milliseconds(60'000 / m_config.publishFailuresPerMinute)});
    const PlaybackUrls urls(m_config.hlsUrl, m_config.watchUrl);
    m_streams =
        std::make_unique<StreamService>(*m_database, *m_cache, *m_ingest, *m_viewerCounts, urls);

    m_reconciler = std::make_unique<StreamReconciler>(
        *m_streams, m_config.ingestApplication, m_config.orphanGrace, m_config.reconnectGrace);
    m_janitor = std::make_unique<EndedStreamJanitor>(kEndedStreamLinger);
    m_retention = std::make_unique<StreamRetention>(*m_streams, m_config.pendingExpiry,
                                                    m_config.hlsPath, m_config.hlsRetention);
    m_relay = std::make_unique<EventRelay>(*m_database, *m_bus,
                                           LifecycleEvents(urls, m_config.reconnectGrace),
                                           *m_viewerCounts, *m_presence, *m_streams, *m_metrics);
    connect(m_streams.get(), &StreamService::streamTransitioned, m_relay.get(), &EventRelay::kick);
    connect(m_redis.get(), &RedisClient::connected, m_relay.get(), &EventRelay::kick);
    m_sampler = std::make_unique<HistorySampler>(
        *m_database, m_config.ingestApplication, m_config.ingestPollInterval,
        m_config.historyRetention,
        [this](const QUuid &id) { return m_viewerCounts->of(id).viewers; });
    // A stream is read back from the node that holds it, as /stat or the stream's row says.
    const auto probeUrlOf = [this](const QUuid &id, const QString &node) {
        if (!node.isEmpty())
            return m_ingest->probeUrl(node);
        const auto stream = m_streams->findCached(id);
        return m_ingest->probeUrl(stream ? stream->ingest : QString());
    };
    m_probes = std::make_unique<ProbeSupervisor>(*m_redis, *m_bus, *m_metrics, probeUrlOf,
                                                 m_config.hlsPath, m_config.ingestApplication);
    connect(m_ingest.get(), &IngestFleet::fleetRead, m_probes.get(), &ProbeSupervisor::onStat);
    // The replica that sees a stream's HLS files records when it became playable.
    connect(m_probes.get(), &ProbeSupervisor::playable, m_streams.get(),
            &StreamService::markPlayable);
    // The database did not take it: asked again in a while, not at the next look (200 ms).
    connect(m_streams.get(), &StreamService::playableNotRecorded, m_probes.get(),
            [this](const QUuid &id) {
                QTimer::singleShot(kPlayableRetry, m_probes.get(),
                                   [this, id] { m_probes->retryPlayable(id); });
            });
    connect(m_streams.get(), &StreamService::streamPlayable, m_relay.get(), &EventRelay::kick);
    connect(m_ingest.get(), &IngestFleet::nodeRead, m_reconciler.get(),
            &StreamReconciler::reconcile);
    connect(m_ingest.get(), &IngestFleet::nodeUnavailable, m_reconciler.get(),
            &StreamReconciler::nodeUnavailable);
    connect(m_ingest.get(), &IngestFleet::fleetRead, m_sampler.get(), &HistorySampler::sample);
    // Each node's health, for the console and the alerts.
    connect(m_ingest.get(), &IngestFleet::nodeRead, this,
            [this](const QString &node, const NginxStat &stat) {
                m_metrics->setIngestNode(node, true,
                                         stat.publishing(m_config.ingestApplication).size());
            });
    connect(m_ingest.get(), &IngestFleet::nodeUnavailable, this,
            [this](const QString &node) { m_metrics->setIngestNode(node, false, 0); });

    m_http = std::make_unique<HttpServer>(httpLimits(m_config));
    m_streamController = std::make_unique<StreamController>(*m_streams, *m_auth, *m_writes);
    m_publisherMeasurements = std::make_unique<PublisherMeasurements>();
    m_publisherController = std::make_unique<PublisherController>(
        *m_streams, *m_ingest, *m_publisherMeasurements, *m_auth, *m_writes);
    m_accountController = std::make_unique<AccountController>(*m_accounts, *m_auth, *m_writes);
    m_hookController =
        std::make_unique<HookController>(*m_streams, *m_hookAccess, *m_publishLimiter);
    m_healthController = std::make_unique<HealthController>(*m_database, *m_redis);
    m_vitals = std::make_unique<ReplicaVitals>(*m_database, *m_redis, *m_metrics);
    m_metricsController = std::make_unique<MetricsController>(*m_metrics);
    m_hubController = std::make_unique<HubController>(*m_auth);
    m_viewerReports = std::make_unique<ViewerReportController>(*m_streams, *m_presence, *m_metrics,
                                                               m_config.limitsExempt,
                                                               m_config.wsMaxViewersPerAddress);
    m_hub = std::make_unique<WebSocketHub>(*m_http, *m_bus, *m_presence, *m_streams, *m_metrics,
                                           m_config.hubThreads, m_config.hubEventLoop,
                                           hubLimits(m_config));
    connect(m_http.get(), &HttpServer::refused, this,
            [this](const QString &reason) { m_metrics->countRefusal(reason); });

    // What each part keeps per stream goes once the stream has ended.
    m_janitor->addForgetter([this](const QUuid &id) { m_hub->forget(id); });
    m_janitor->addForgetter([this](const QUuid &id) { m_bus->forget(id); });
    m_janitor->addForgetter([this](const QUuid &id) { m_presence->forget(id); });
    m_janitor->addForgetter([this](const QUuid &id) { m_publisherMeasurements->forget(id); });
    // What the forgotten streams held was freed on many threads; without this the allocator
    // keeps it, and resident memory only ever grows.
    connect(m_janitor.get(), &EndedStreamJanitor::swept, this, [](int forgotten) {
        const ReturnedMemory memory = returnFreedMemory();
        qCDebug(lcMemory).noquote()
            << QStringLiteral("forgot %1 ended streams; returned %2 KiB to the system in %3 ms")
                   .arg(forgotten)
                   .arg(memory.returned() / 1024)
                   .arg(double(memory.took.count()) / 1000.0, 0, 'f', 1);
    });

    Router &router = m_http->router();
    m_healthController->registerRoutes(router);
    m_metricsController->registerRoutes(router);
    m_streamController->registerRoutes(router);
    m_publisherController->registerRoutes(router);
    m_accountController->registerRoutes(router);
    m_hookController->registerRoutes(router);
    m_hubController->registerRoutes(router);
    m_viewerReports->registerRoutes(router);

    // What the bus delivers: the counts GET /streams shows, the probe's measurements of each
    // publisher, the probes, the peak gauge.
    connect(m_bus.get(), &EventBus::delivered, this, [this](const BusEvent &event) {
        m_viewerCounts->apply(event);
        m_publisherMeasurements->apply(event);
        if (event.name == QLatin1StringView(LiveEvent::kStreamEnded)) {
            m_viewerCounts->forget(event.streamId);
            m_janitor->streamEnded(event.streamId);
        }
        m_metrics->peakViewers().Set(m_viewerCounts->highestPeak());
    });
    connect(m_bus.get(), &EventBus::delivered, m_probes.get(), &ProbeSupervisor::onEvent);
    connect(m_bus.get(), &EventBus::publishFailed, this,
            [this] { m_metrics->countBroadcastError(QStringLiteral("publish_failed")); });
    connect(m_presence.get(), &ViewerPresence::countPublished, this,
            [this](const QUuid &, int viewers) { m_metrics->observeViewers(viewers); });

    // A transition asks for a recount soon, not at once: a burst of hooks costs one query.
    m_gaugeSoon.setSingleShot(true);
    m_gaugeSoon.setInterval(kGaugeSettle);
    connect(&m_gaugeSoon, &QTimer::timeout, this, &ServerApp::refreshActiveStreams);
    connect(m_streams.get(), &StreamService::streamTransitioned, this, [this] {
        if (!m_gaugeSoon.isActive())
            m_gaugeSoon.start();
    });
    m_gaugeTimer.setInterval(kGaugeRefresh);
    connect(&m_gaugeTimer, &QTimer::timeout, this, &ServerApp::refreshActiveStreams);
}

ServerApp::~ServerApp()
{
    // Stop taking requests before the services under them go away.
    m_http.reset();
}

bool ServerApp::start(QString *error)
{
    if (!m_http->bindTo(m_config.httpAddress, m_config.httpPort, error))
        return false;
    m_changes->start();
    m_redis->start();
    m_redisSubscriber->start();
    m_bus->start();
    m_relay->start();
    m_presence->start();
    m_ingest->start();
    m_reconciler->start();
    m_janitor->start();
    m_retention->start();
    m_gaugeTimer.start();
    m_vitals->start();
    refreshActiveStreams();
    qCInfo(lcApp).noquote()
        << "listening on"
        << QStringLiteral("http://%1:%2").arg(m_config.httpAddress.toString()).arg(m_http->port());
    return true;
}

quint16 ServerApp::port() const
{
    return m_http->port();
}

QStringList ServerApp::routes() const
{
    return m_http->router().routes();
}

void ServerApp::shutdown(std::function<void()> done)
{
    m_hub->shutdown(std::move(done));
}

void ServerApp::refreshActiveStreams()
{
    m_streams->countActive().then(this, [this](QFuture<int> done) {
        try {
            m_metrics->activeStreams().Set(done.result());
        } catch (const std::exception &) {
            // The database is away; the gauge keeps its last value and readyz says why.
        }
    });
}

} // namespace nova
