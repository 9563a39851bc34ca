#include "console/prometheus/platform_queries.h"

namespace nova::PlatformQueries {

namespace {
QString quantileOf(const char *histogram, double quantile, Window rate)
{
    return QStringLiteral("histogram_quantile(%1, sum by (le) (rate(%2_bucket[%3])))")
        .arg(QString::number(quantile), QLatin1StringView(histogram), duration(rate));
}
} // namespace

QString duration(Window window)
{
    const auto seconds = window.count();
    if (seconds > 0 && seconds % 3600 == 0)
        return QStringLiteral("%1h").arg(seconds / 3600);
    if (seconds > 0 && seconds % 60 == 0)
        return QStringLiteral("%1m").arg(seconds / 60);
    return QStringLiteral("%1s").arg(std::max<qint64>(seconds, 1));
}

QString activeStreams()
{
    return QStringLiteral("max(nova_streaming_active_streams)");
}

QString concurrentViewers()
{
    return QStringLiteral("sum(nova_streaming_websocket_connections{kind=\"viewer\"})");
}

QString websocketConnectionsByKind()
{
    return QStringLiteral("sum by (kind) (nova_streaming_websocket_connections)");
}

QString segmentsByRendition(Window rate)
{
    return QStringLiteral(
               "sum by (rendition) (rate(nova_streaming_hls_segment_generation_seconds_count[%1]))")
        .arg(duration(rate));
}

QString broadcastErrorsByReason(Window rate)
{
    return QStringLiteral("sum by (reason) (rate(nova_streaming_broadcast_errors_total[%1]))")
        .arg(duration(rate));
}

QString broadcastErrorShare()
{
    return QStringLiteral("sum(increase(nova_streaming_broadcast_errors_total[5m])) / "
                          "clamp_min(sum(max_over_time(nova_streaming_websocket_connections[5m])), "
                          "1)");
}

QString ingestLatencyQuantile(double quantile, Window rate)
{
    return quantileOf("nova_streaming_rtmp_ingestion_latency_seconds", quantile, rate);
}

QString segmentTimeQuantile(double quantile, Window rate)
{
    return quantileOf("nova_streaming_hls_segment_generation_seconds", quantile, rate);
}

QString viewerLatencyQuantile(double quantile, Window rate)
{
    return quantileOf("nova_streaming_viewer_latency_seconds", quantile, rate);
}

QString viewerStalls(Window rate)
{
    return QStringLiteral("sum(rate(nova_streaming_viewer_stalls_total[%1]))").arg(duration(rate));
}

QString ingestNodesUp()
{
    return QStringLiteral("max by (node) (nova_streaming_ingest_node_up)");
}

QString ingestNodeStreams()
{
    return QStringLiteral("max by (node) (nova_streaming_ingest_node_streams)");
}

QString firingAlerts()
{
    return QStringLiteral("ALERTS{alertstate=\"firing\"}");
}

QString replicasUp()
{
    return QStringLiteral("up{job=\"nova-server\"}");
}

QString replicaCpu()
{
    return QStringLiteral("rate(process_cpu_seconds_total{job=\"nova-server\"}[30s])");
}

QString replicaMemory()
{
    return QStringLiteral("process_resident_memory_bytes{job=\"nova-server\"}");
}

QString replicaConnections()
{
    return QStringLiteral(
        "sum by (instance) (nova_streaming_websocket_connections{job=\"nova-server\"})");
}

QString replicaEventLoopLag()
{
    return QStringLiteral(
        "max_over_time(nova_server_event_loop_lag_seconds{job=\"nova-server\"}[15s])");
}

QString replicaDependencies()
{
    return QStringLiteral("nova_server_dependency_up{job=\"nova-server\"}");
}

} // namespace nova::PlatformQueries
