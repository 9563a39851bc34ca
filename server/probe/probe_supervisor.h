#pragma once

#include "server/cache/bus_event.h"
#include "server/ingest/nginx_stat.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <memory>

namespace nova {

class EventBus;
class IngestProbe;
class Metrics;
class RedisClient;
class SegmentWatcher;

// Decides which replica measures which live stream: one probe per stream across the platform, held
// by a Redis lease that its replica renews while the stream is live (if that replica dies, another
// takes over within the lease). The owner publishes stream_metrics every second, observes ingest
// latency and, when it can see the HLS files, segment generation. While Redis is away each replica
// probes the streams it knows are live: duplicate measurements rather than none.
class ProbeSupervisor : public QObject
{
    Q_OBJECT

public:
    // Where stream `id` is read back from, live on ingest node `node` (empty: not known yet).
    using ProbeUrlOf = std::function<QString(const QUuid &id, const QString &node)>;

    ProbeSupervisor(RedisClient &redis, EventBus &bus, Metrics &metrics, ProbeUrlOf probeUrlOf,
                    QString hlsPath, QString application, QObject *parent = nullptr);
    ~ProbeSupervisor() override;

    // What the ingest nodes have live (IngestFleet::fleetRead): a probe for each, reading from
    // the node that has it.
    void onStat(const NginxStat &stat);
    void onEvent(const BusEvent &event);
    int probing() const { return int(m_probes.size()); }
    // What playable() said for `stream` was not recorded: say it again when it still is.
    void retryPlayable(const QUuid &stream);

signals:
    // The HLS of a stream this replica probes can be played (SegmentWatcher::playable).
    void playable(const QUuid &stream);

private:
    void want(const QUuid &stream, const QString &node);
    void stop(const QUuid &stream);
    void start(const QUuid &stream, const QString &node);
    // A probe of `stream` reading `url`, reporting as every probe does.
    IngestProbe *makeProbe(const QUuid &stream, const QString &url);
    void renewLeases();

    RedisClient &m_redis;
    EventBus &m_bus;
    Metrics &m_metrics;
    ProbeUrlOf m_probeUrlOf;
    QString m_application;
    QByteArray m_replica; // this process, as lease holder
    std::unique_ptr<SegmentWatcher> m_segments;
    QHash<QUuid, IngestProbe *> m_probes;
    QHash<QUuid, QString> m_probeUrls; // what each probe reads
    QSet<QUuid> m_asking;              // a lease request is on its way
    QTimer m_renewTimer;
};

} // namespace nova
