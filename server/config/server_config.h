#pragma once

#include "server/config/ingest_node_config.h"
#include "server/eventloop/event_loop_kind.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>

namespace nova {

// Every nova-server setting with its default. Filled by ConfigLoader from a file and NOVA_*
// environment variables (docs/CONFIGURATION.md lists them all).
struct ServerConfig
{
    QHostAddress httpAddress{QHostAddress::LocalHost};
    quint16 httpPort = 8081;
    qint64 maxBodyBytes = 64 * 1024;
    std::chrono::seconds httpIdleTimeout{30};
    std::chrono::seconds httpRequestTimeout{10};
    int httpMaxConnections = 10'000;
    int httpMaxConnectionsPerAddress = 256;
    int wsMaxViewersPerAddress = 100;
    int wsReplaysPerMinute = 10;
    QList<QPair<QHostAddress, int>> limitsExempt{{QHostAddress(QStringLiteral("127.0.0.1")), 32},
                                                 {QHostAddress(QStringLiteral("::1")), 128}};

    QString databaseUrl;
    int databasePoolSize = 4;
    std::chrono::milliseconds databaseTimeout{2000};

    QUrl redisUrl{QStringLiteral("redis://127.0.0.1:6380/0")};

    QByteArray adminToken;
    QByteArray hookSecret;
    QList<QPair<QHostAddress, int>> hookAllowedNetworks{
        {QHostAddress(QStringLiteral("127.0.0.1")), 8}, {QHostAddress(QStringLiteral("::1")), 128}};

    QUrl rtmpUrl{QStringLiteral("rtmp://127.0.0.1:1935/live")}; // where publishers connect
    QUrl hlsUrl{QStringLiteral("http://127.0.0.1:8088/hls")};   // base of every playback URL
    QUrl watchUrl; // base of the watch pages; empty: /watch on hls_url's host

    QUrl nginxUrl{QStringLiteral("http://127.0.0.1:8088")}; // its /stat and /control
    QString ingestApplication = QStringLiteral("live");
    std::chrono::seconds ingestPollInterval{5};
    std::chrono::seconds orphanGrace{10};    // missing from /stat this long: interrupted
    std::chrono::seconds reconnectGrace{60}; // interrupted this long: completed
    std::chrono::hours historyRetention{24 * 7};
    std::chrono::milliseconds pendingExpiry{std::chrono::hours(24)}; // never live: then FAILED
    std::chrono::milliseconds hlsRetention{std::chrono::hours(1)};   // ended: HLS files removed

    int hubThreads = 0;                                // WebSocket client threads; 0: one per core
    EventLoopKind hubEventLoop = EventLoopKind::Epoll; // the dispatcher those threads run

    QString hlsPath; // where the HLS files are, if on this host
    QString probeUrl =
        QStringLiteral("rtmp://127.0.0.1:1935/playback"); // live streams read back, by id
    // Every ingest node. Unset: one node, "ingest-1", made of rtmp_url, nginx_url and probe_url.
    QList<IngestNodeConfig> ingestNodes;

    int publishFailuresBurst = 5;
    int publishFailuresPerMinute = 5;

    // Changes one personal token may make in a row, and further ones per minute.
    int tokenWritesBurst = 30;
    int tokenWritesPerMinute = 60;

    QString logLevel = QStringLiteral("info");
};

} // namespace nova
