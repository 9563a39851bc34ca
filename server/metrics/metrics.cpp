#include "server/metrics/metrics.h"

#include <prometheus/text_serializer.h>

namespace nova {

namespace {
using Buckets = prometheus::Histogram::BucketBoundaries;
const Buckets kViewerBuckets{0, 1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 50000};
const Buckets kDurationBuckets{10, 30, 60, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400};
const Buckets kLatencyBuckets{0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10};
const Buckets kSegmentBuckets{0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 20};
const Buckets kGlassToGlassBuckets{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15, 20, 30};
const Buckets kStartupBuckets{0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10};
} // namespace

Metrics::Metrics()
    : m_registry(std::make_shared<prometheus::Registry>())
{
    using namespace prometheus;
    m_activeStreams = &BuildGauge()
                           .Name("nova_streaming_active_streams")
                           .Help("Streams currently ACTIVE (a publisher is live), platform-wide.")
                           .Register(*m_registry)
                           .Add({});
    m_peakViewers = &BuildGauge()
                         .Name("nova_streaming_peak_viewers")
                         .Help("Highest peak of concurrent viewers among the streams this replica "
                               "knows of.")
                         .Register(*m_registry)
                         .Add({});
    m_connections = &BuildGauge()
                         .Name("nova_streaming_websocket_connections")
                         .Help("Open WebSocket connections on this replica, by kind (viewer, "
                               "operator).")
                         .Register(*m_registry);
    m_viewers = &BuildHistogram()
                     .Name("nova_streaming_viewers_total")
                     .Help("Viewers of a stream, observed each time its count changes.")
                     .Register(*m_registry)
                     .Add({}, kViewerBuckets);
    m_streamDuration = &BuildHistogram()
                            .Name("nova_streaming_stream_duration_seconds")
                            .Help("How long streams were live, observed when they end.")
                            .Register(*m_registry)
                            .Add({}, kDurationBuckets);
    m_ingestLatency = &BuildHistogram()
                           .Name("nova_streaming_rtmp_ingestion_latency_seconds")
                           .Help("From the broadcaster's capture clock (H.264 SEI) to the stream "
                                 "read back from the ingest server.")
                           .Register(*m_registry)
                           .Add({}, kLatencyBuckets);
    m_segments = &BuildHistogram()
                      .Name("nova_streaming_hls_segment_generation_seconds")
                      .Help("Time between consecutive HLS segments being completed, by rendition.")
                      .Register(*m_registry);
    // Every stream has its source rendition: the family is exposed before the first segment (a
    // replica restarted since is still scraped whole).
    m_segments->Add({{"rendition", "source"}}, kSegmentBuckets);
    m_broadcastErrors = &BuildCounter()
                             .Name("nova_streaming_broadcast_errors_total")
                             .Help("Live events that could not be delivered, by reason.")
                             .Register(*m_registry);
    // Known label values exist from the start, so that rates are defined before the first error.
    for (const char *reason :
         {"slow_consumer", "keepalive_timeout", "handshake_failed", "publish_failed"})
        m_broadcastErrors->Add({{"reason", reason}});
    websocketConnections(ConnectionKind::Viewer);
    websocketConnections(ConnectionKind::Operator);
    m_refusals = &BuildCounter()
                      .Name("nova_streaming_connections_refused_total")
                      .Help("Connections, requests and client messages turned away by a limit, "
                            "by reason.")
                      .Register(*m_registry);
    for (const char *reason : {"request_timeout", "too_many_from_address",
                               "too_many_viewers_from_address", "replay_rate_limited"})
        m_refusals->Add({{"reason", reason}});
    m_hlsStalls = &BuildCounter()
                       .Name("nova_streaming_hls_stalls_total")
                       .Help("Times a live stream's HLS got no new segment for 15 s while its "
                             "ingest went on (a full disk, a ladder that keeps failing).")
                       .Register(*m_registry)
                       .Add({});
    m_ingestUp = &BuildGauge()
                      .Name("nova_streaming_ingest_node_up")
                      .Help("1 while the ingest node's /stat answers this replica, 0 when it "
                            "does not, by node.")
                      .Register(*m_registry);
    m_ingestStreams = &BuildGauge()
                           .Name("nova_streaming_ingest_node_streams")
                           .Help("Streams live on the ingest node at its last reading, by node.")
                           .Register(*m_registry);
    m_renditionsDropped = &BuildCounter()
                               .Name("nova_streaming_hls_renditions_dropped_total")
                               .Help("Renditions the HLS ladder dropped from a live stream because "
                                     "they ran behind real time, by rendition.")
                               .Register(*m_registry);
    m_viewerLatency = &BuildHistogram()
                           .Name("nova_streaming_viewer_latency_seconds")
                           .Help("Glass to glass, as watch pages measure it (the broadcaster's "
                                 "capture clock in the picture shown), by rendition.")
                           .Register(*m_registry);
    m_viewerStalls = &BuildCounter()
                          .Name("nova_streaming_viewer_stalls_total")
                          .Help("Playback stalls (the player ran out of picture) reported by "
                                "watch pages.")
                          .Register(*m_registry)
                          .Add({});
    m_viewerStartup = &BuildHistogram()
                           .Name("nova_streaming_viewer_startup_seconds")
                           .Help("From a watch page starting its player to the first picture.")
                           .Register(*m_registry)
                           .Add({}, kStartupBuckets);
    m_viewerReportsRejected = &BuildCounter()
                                   .Name("nova_streaming_viewer_reports_rejected_total")
                                   .Help("Watch-page reports dropped, by reason.")
                                   .Register(*m_registry);
    for (const char *reason : {"malformed", "absurd", "rate_limited", "not_live"})
        m_viewerReportsRejected->Add({{"reason", reason}});
    m_eventLoopLag = &BuildGauge()
                          .Name("nova_server_event_loop_lag_seconds")
                          .Help("How much later than due the main event loop ran a 100 ms timer, "
                                "worst of the last second: what every request on it waits.")
                          .Register(*m_registry)
                          .Add({});
    // Prometheus's standard process metrics, as its client libraries name them.
    m_residentMemory = &BuildGauge()
                            .Name("process_resident_memory_bytes")
                            .Help("Resident memory size in bytes.")
                            .Register(*m_registry)
                            .Add({});
    m_cpuSeconds = &BuildCounter()
                        .Name("process_cpu_seconds_total")
                        .Help("Total user and system CPU time spent in seconds.")
                        .Register(*m_registry)
                        .Add({});
    m_dependencyUp = &BuildGauge()
                          .Name("nova_server_dependency_up")
                          .Help("1 while the dependency (postgresql, redis) answers this replica's "
                                "readiness check, 0 when it does not.")
                          .Register(*m_registry);
}

void Metrics::setProcessUsage(double residentBytes, double cpuSeconds)
{
    m_residentMemory->Set(residentBytes);
    if (cpuSeconds > m_cpuCounted) {
        m_cpuSeconds->Increment(cpuSeconds - m_cpuCounted);
        m_cpuCounted = cpuSeconds;
    }
}

void Metrics::setDependencyUp(const QString &dependency, bool up)
{
    m_dependencyUp->Add({{"dependency", dependency.toStdString()}}).Set(up ? 1 : 0);
}

void Metrics::observeViewerLatency(const QString &rendition, double seconds)
{
    m_viewerLatency->Add({{"rendition", rendition.left(16).toStdString()}}, kGlassToGlassBuckets)
        .Observe(seconds);
}

void Metrics::countViewerReportRejected(const QString &reason)
{
    m_viewerReportsRejected->Add({{"reason", reason.toStdString()}}).Increment();
}

void Metrics::setIngestNode(const QString &node, bool up, qsizetype liveStreams)
{
    const std::map<std::string, std::string> labels{{"node", node.left(32).toStdString()}};
    m_ingestUp->Add(labels).Set(up ? 1 : 0);
    m_ingestStreams->Add(labels).Set(double(liveStreams));
}

void Metrics::countRenditionDropped(const QString &rendition)
{
    m_renditionsDropped->Add({{"rendition", rendition.left(32).toStdString()}}).Increment();
}

prometheus::Gauge &Metrics::websocketConnections(ConnectionKind kind)
{
    return m_connections->Add({{"kind", kind == ConnectionKind::Viewer ? "viewer" : "operator"}});
}

void Metrics::observeSegmentGeneration(const QString &rendition, double seconds)
{
    m_segments->Add({{"rendition", rendition.left(32).toStdString()}}, kSegmentBuckets)
        .Observe(seconds);
}

void Metrics::countRefusal(const QString &reason)
{
    m_refusals->Add({{"reason", reason.toStdString()}}).Increment();
}

void Metrics::countBroadcastError(const QString &reason)
{
    m_broadcastErrors->Add({{"reason", reason.toStdString()}}).Increment();
}

QByteArray Metrics::render() const
{
    const std::string text = prometheus::TextSerializer().Serialize(m_registry->Collect());
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace nova
