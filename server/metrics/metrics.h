#pragma once

#include <QByteArray>
#include <QString>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>

namespace nova {

// nova-server's Prometheus metrics, names fixed by DESIGN.md, in one registry rendered in the text
// exposition format for GET /metrics. Labels stay low-cardinality: never a stream id.
class Metrics
{
public:
    enum class ConnectionKind
    {
        Viewer,
        Operator
    };

    Metrics();

    // Streams ACTIVE on the whole platform: every replica reports the same, database-wide value
    // (aggregate with max(), not sum()).
    prometheus::Gauge &activeStreams() { return *m_activeStreams; }
    // The highest peak of viewers among the streams this replica knows of.
    prometheus::Gauge &peakViewers() { return *m_peakViewers; }
    prometheus::Gauge &websocketConnections(ConnectionKind kind);

    // Viewers of one stream, each time its count changes (observed by the replica that publishes
    // the change, so that replicas add up).
    void observeViewers(int viewers) { m_viewers->Observe(viewers); }
    void observeStreamDuration(double seconds) { m_streamDuration->Observe(seconds); }
    void observeIngestLatency(double seconds) { m_ingestLatency->Observe(seconds); }
    // `rendition`: source, 480p, ... (the ladder's variant names).
    void observeSegmentGeneration(const QString &rendition, double seconds);
    // `reason`: slow_consumer, keepalive_timeout, handshake_failed, publish_failed.
    void countBroadcastError(const QString &reason);
    // A connection, request or client message turned away by a limit. `reason`: request_timeout,
    // too_many_from_address, too_many_viewers_from_address, replay_rate_limited.
    void countRefusal(const QString &reason);
    // A live stream's HLS got no new segment for a while (SegmentWatcher): counted once a stall.
    void countHlsStall() { m_hlsStalls->Increment(); }
    // The ladder dropped `rendition` (720p, 480p, ...) of a live stream: it could not keep up.
    void countRenditionDropped(const QString &rendition);

    // What watch pages report (POST /streams/{id}/viewers): glass-to-glass latency, stalls and
    // startup time; `rendition` is one of few names (source, 720p, ...; other).
    void observeViewerLatency(const QString &rendition, double seconds);
    void countViewerStalls(int stalls) { m_viewerStalls->Increment(stalls); }
    void observeViewerStartup(double seconds) { m_viewerStartup->Observe(seconds); }
    // A report dropped. `reason`: malformed, absurd, rate_limited, not_live.
    void countViewerReportRejected(const QString &reason);

    // Ingest node `node` (one of few, from the settings): whether its /stat answers, and how
    // many streams it has live.
    void setIngestNode(const QString &node, bool up, qsizetype liveStreams);

    // This replica's vitals (ReplicaVitals): the worst lateness of its event loop over the last
    // second, its resident memory and CPU time so far, and whether `dependency` (postgresql,
    // redis) answers it.
    void setEventLoopLag(double seconds) { m_eventLoopLag->Set(seconds); }
    void setProcessUsage(double residentBytes, double cpuSeconds);
    void setDependencyUp(const QString &dependency, bool up);

    QByteArray render() const;

private:
    std::shared_ptr<prometheus::Registry> m_registry;
    prometheus::Gauge *m_activeStreams = nullptr;
    prometheus::Gauge *m_peakViewers = nullptr;
    prometheus::Family<prometheus::Gauge> *m_connections = nullptr;
    prometheus::Histogram *m_viewers = nullptr;
    prometheus::Histogram *m_streamDuration = nullptr;
    prometheus::Histogram *m_ingestLatency = nullptr;
    prometheus::Family<prometheus::Histogram> *m_segments = nullptr;
    prometheus::Family<prometheus::Counter> *m_broadcastErrors = nullptr;
    prometheus::Family<prometheus::Counter> *m_refusals = nullptr;
    prometheus::Counter *m_hlsStalls = nullptr;
    prometheus::Family<prometheus::Counter> *m_renditionsDropped = nullptr;
    prometheus::Family<prometheus::Histogram> *m_viewerLatency = nullptr;
    prometheus::Counter *m_viewerStalls = nullptr;
    prometheus::Histogram *m_viewerStartup = nullptr;
    prometheus::Family<prometheus::Counter> *m_viewerReportsRejected = nullptr;
    prometheus::Family<prometheus::Gauge> *m_ingestUp = nullptr;
    prometheus::Family<prometheus::Gauge> *m_ingestStreams = nullptr;
    prometheus::Gauge *m_eventLoopLag = nullptr;
    prometheus::Gauge *m_residentMemory = nullptr;
    prometheus::Counter *m_cpuSeconds = nullptr;
    double m_cpuCounted = 0;
    prometheus::Family<prometheus::Gauge> *m_dependencyUp = nullptr;
};

} // namespace nova
