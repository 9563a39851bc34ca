#pragma once

#include <QString>

#include <chrono>

namespace nova {

// The PromQL behind the console's panels, over nova-server's metrics (DESIGN.md). Counters and
// histogram buckets go through rate() first and are summed after (summing raw counters across
// replicas would turn a restart into a dip); quantiles come from histogram_quantile over the
// buckets summed by `le`, never from averaging per-replica quantiles.
namespace PlatformQueries {

using Window = std::chrono::seconds;

// Every replica reports the database-wide count: max, not sum.
QString activeStreams();
// Viewer connections of every replica, added up.
QString concurrentViewers();
QString websocketConnectionsByKind();
// HLS segments produced per second, per rendition (source, 480p...).
QString segmentsByRendition(Window rate);
QString broadcastErrorsByReason(Window rate);
// Broadcast errors against the WebSocket clients connected over five minutes: the share of
// clients that missed events, as the alert NovaBroadcastErrorRateHigh
// (deploy/monitoring/rules/nova-alerts.yml) measures it.
QString broadcastErrorShare();
constexpr double kBroadcastErrorShareThreshold = 0.01; // that alert's threshold
QString ingestLatencyQuantile(double quantile, Window rate);
QString segmentTimeQuantile(double quantile, Window rate);
// Glass to glass as watch pages report it, and the stalls they report, per second.
QString viewerLatencyQuantile(double quantile, Window rate);
QString viewerStalls(Window rate);

// Each ingest node: whether any replica's reading of its /stat answers (1 or 0), and the streams
// live on it at the last reading.
QString ingestNodesUp();
QString ingestNodeStreams();

// Each nova-server replica, by instance: whether Prometheus scrapes it (1 or 0), its share of a
// core, resident memory, WebSocket connections, worst event-loop lag of the last 15 s, and whether
// PostgreSQL and Redis answer it (by `dependency`).
QString replicasUp();
QString replicaCpu();
QString replicaMemory();
QString replicaConnections();
QString replicaEventLoopLag();
QString replicaDependencies();

// Every alert while it fires (Prometheus's own ALERTS series), for the charts' markers.
QString firingAlerts();

// "1m", "90s": a PromQL duration.
QString duration(Window window);

} // namespace PlatformQueries

} // namespace nova
