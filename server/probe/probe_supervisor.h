#pragma once

#include "server/cache/bus_event.h"
#include "server/ingest/nginx_stat.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUuid>

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
    ProbeSupervisor(RedisClient &redis, EventBus &bus, Metrics &metrics, QString probeUrl,
                    QString hlsPath, QString application, QObject *parent = nullptr);
    ~ProbeSupervisor() override;

    void onStat(const NginxStat &stat);
    void onEvent(const BusEvent &event);
    int probing() const { return int(m_probes.size()); }
    // What playable() said for `stream` was not recorded: say it again when it still is.
    void retryPlayable(const QUuid &stream);

signals:
    // The HLS of a stream this replica probes can be played (SegmentWatcher::playable).
    void playable(const QUuid &stream);

private:
    void want(const QUuid &stream);
    void stop(const QUuid &stream);
    void start(const QUuid &stream);
    void renewLeases();

    RedisClient &m_redis;
    EventBus &m_bus;
    Metrics &m_metrics;
    QString m_probeUrl;
    QString m_application;
    QByteArray m_replica; // this process, as lease holder
    std::unique_ptr<SegmentWatcher> m_segments;
    QHash<QUuid, IngestProbe *> m_probes;
    QSet<QUuid> m_asking; // a lease request is on its way
    QTimer m_renewTimer;
};

} // namespace nova
