#include "console/ingest/ingest_node_health.h"

#include "console/prometheus/prometheus_result.h"

#include <QMap>

#include <cmath>

namespace nova {

QList<IngestNodeHealth> IngestNodeHealth::fromResults(const PrometheusResult &up,
                                                      const PrometheusResult &streams)
{
    QMap<QString, IngestNodeHealth> nodes; // sorted by name
    for (const PrometheusSeries &series : up.series) {
        const QString node = series.labels.value(QStringLiteral("node"));
        if (!node.isEmpty())
            nodes[node] = {node, series.lastValue() >= 1, 0};
    }
    for (const PrometheusSeries &series : streams.series) {
        const auto found = nodes.find(series.labels.value(QStringLiteral("node")));
        const double value = series.lastValue();
        if (found != nodes.end() && std::isfinite(value))
            found->streams = int(std::lround(value));
    }
    return nodes.values();
}

} // namespace nova
