#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace nova {

struct PrometheusResult;

// How one nova-server replica is, as Prometheus last scraped it.
struct ReplicaHealth
{
    QString instance;               // host:port, as Prometheus names the target
    bool up = false;                // its last scrape answered
    std::optional<double> cpuCores; // share of one core over the last 30 s
    std::optional<double> residentBytes;
    std::optional<int> connections; // WebSockets, viewers and operators
    std::optional<double> eventLoopLagSeconds;
    std::optional<bool> postgresql; // answers the replica's readiness check
    std::optional<bool> redis;

    // Down, or a dependency it cannot reach: it does not serve as it should.
    bool healthy() const { return up && postgresql.value_or(true) && redis.value_or(true); }

    // The answers to PlatformQueries' replica queries, in the order: up, cpu, memory,
    // connections, event-loop lag, dependencies; by instance, sorted.
    static QList<ReplicaHealth> fromResults(const QList<PrometheusResult> &results);
};

} // namespace nova
