#include "console/replicas/replica_health.h"

#include "console/prometheus/prometheus_result.h"

#include <QMap>

#include <cmath>

namespace nova {

namespace {
std::optional<double> finite(double value)
{
    return std::isfinite(value) ? std::optional(value) : std::nullopt;
}
} // namespace

QList<ReplicaHealth> ReplicaHealth::fromResults(const QList<PrometheusResult> &results)
{
    QMap<QString, ReplicaHealth> replicas; // sorted by instance
    if (results.size() < 6)
        return {};
    for (const PrometheusSeries &series : results.at(0).series) {
        const QString instance = series.labels.value(QStringLiteral("instance"));
        if (instance.isEmpty())
            continue;
        ReplicaHealth &replica = replicas[instance];
        replica.instance = instance;
        replica.up = series.lastValue() >= 1;
    }
    // What only replicas that answer have; a series of an unknown instance is ignored.
    const auto each = [&](const PrometheusResult &result, auto apply) {
        for (const PrometheusSeries &series : result.series) {
            const auto found = replicas.find(series.labels.value(QStringLiteral("instance")));
            if (found != replicas.end() && found->up)
                apply(*found, series);
        }
    };
    each(results.at(1),
         [](ReplicaHealth &r, const PrometheusSeries &s) { r.cpuCores = finite(s.lastValue()); });
    each(results.at(2), [](ReplicaHealth &r, const PrometheusSeries &s) {
        r.residentBytes = finite(s.lastValue());
    });
    each(results.at(3), [](ReplicaHealth &r, const PrometheusSeries &s) {
        if (const auto value = finite(s.lastValue()))
            r.connections = int(std::lround(*value));
    });
    each(results.at(4), [](ReplicaHealth &r, const PrometheusSeries &s) {
        r.eventLoopLagSeconds = finite(s.lastValue());
    });
    each(results.at(5), [](ReplicaHealth &r, const PrometheusSeries &s) {
        const QString dependency = s.labels.value(QStringLiteral("dependency"));
        const bool answers = s.lastValue() >= 1;
        if (dependency == u"postgresql")
            r.postgresql = answers;
        else if (dependency == u"redis")
            r.redis = answers;
    });
    return replicas.values();
}

} // namespace nova
