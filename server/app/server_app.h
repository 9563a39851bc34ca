#pragma once

#include "server/config/server_config.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

namespace nova {

class AccountController;
class AccountService;
class Authenticator;
class Database;
class EventBus;
class HubController;
class ProbeSupervisor;
class ReplicaVitals;
class PublisherController;
class PublisherMeasurements;
class ViewerCounts;
class ViewerPresence;
class WebSocketHub;
class HealthController;
class HistorySampler;
class HookAccess;
class HookController;
class HttpServer;
class IngestFleet;
class Metrics;
class MetricsController;
class ViewerReportController;
class PublishRateLimiter;
class RedisClient;
class StreamCache;
class StreamChangeListener;
class StreamController;
class EndedStreamJanitor;
class EventRelay;
class StreamReconciler;
class StreamRetention;
class StreamService;
class TokenRegistry;
class WriteLimiter;

// nova-server assembled: the parts and their wiring. Data flows one way: hooks and the API call
// the StreamService, which writes through the Database; each transition's event, written in the
// same transaction, is relayed by the EventRelay onto the EventBus (Redis, or PostgreSQL while
// Redis is away), from which every replica's WebSocketHub, viewer counts and probes learn it. The
// database's change notifications keep every replica's StreamCache in step; nginx's /stat feeds the
// reconciler, the history sampler and the probes. Owns everything; start() opens the port.
class ServerApp : public QObject
{
    Q_OBJECT

public:
    explicit ServerApp(ServerConfig config, QObject *parent = nullptr);
    ~ServerApp() override;

    // Listens on the configured address; false with a reason when the port cannot be had.
    bool start(QString *error);
    quint16 port() const;
    // Every route the HTTP server dispatches, "METHOD /pattern" (WebSocket upgrades marked).
    QStringList routes() const;
    // Tells WebSocket clients the server is going away, then calls `done`.
    void shutdown(std::function<void()> done);

private:
    void refreshActiveStreams();

    ServerConfig m_config;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<StreamCache> m_cache;
    std::unique_ptr<StreamChangeListener> m_changes;
    std::unique_ptr<RedisClient> m_redis;
    std::unique_ptr<RedisClient> m_redisSubscriber;
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<ViewerCounts> m_viewerCounts;
    std::unique_ptr<ViewerPresence> m_presence;
    std::unique_ptr<IngestFleet> m_ingest;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<TokenRegistry> m_tokens;
    std::unique_ptr<Authenticator> m_auth;
    std::unique_ptr<WriteLimiter> m_writes;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<HookAccess> m_hookAccess;
    std::unique_ptr<PublishRateLimiter> m_publishLimiter;
    std::unique_ptr<StreamService> m_streams;
    std::unique_ptr<StreamReconciler> m_reconciler;
    std::unique_ptr<EventRelay> m_relay;
    std::unique_ptr<EndedStreamJanitor> m_janitor;
    std::unique_ptr<StreamRetention> m_retention;
    std::unique_ptr<HistorySampler> m_sampler;
    std::unique_ptr<ProbeSupervisor> m_probes;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<StreamController> m_streamController;
    std::unique_ptr<PublisherMeasurements> m_publisherMeasurements;
    std::unique_ptr<ReplicaVitals> m_vitals;
    std::unique_ptr<PublisherController> m_publisherController;
    std::unique_ptr<AccountController> m_accountController;
    std::unique_ptr<HookController> m_hookController;
    std::unique_ptr<HealthController> m_healthController;
    std::unique_ptr<MetricsController> m_metricsController;
    std::unique_ptr<HubController> m_hubController;
    std::unique_ptr<ViewerReportController> m_viewerReports;
    std::unique_ptr<WebSocketHub> m_hub;
    QTimer m_gaugeTimer;
    QTimer m_gaugeSoon;
};

} // namespace nova
