#pragma once

#include <QByteArray>

#include <optional>

namespace nova::test {

// One sample of a replica's /metrics, `series` as exposed: a name, with its labels if it has any
// (nova_streaming_broadcast_errors_total{reason="publish_failed"}). nullopt when it is not there.
std::optional<double> replicaMetric(int replica, const QByteArray &series);

// The sample summed over the replicas that run now (the one probing a stream, or relaying an
// event, is any of them).
double metricOnAllReplicas(const QByteArray &series);

} // namespace nova::test
