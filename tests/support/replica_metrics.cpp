#include "tests/support/replica_metrics.h"

#include "tests/support/http_call.h"
#include "tests/support/stack_control.h"

namespace nova::test {

std::optional<double> replicaMetric(int replica, const QByteArray &series)
{
    const HttpResult metrics =
        httpCall("GET", replicaUrl(replica).resolved(QUrl(QStringLiteral("/metrics"))));
    const QByteArray prefix = series + ' ';
    for (const QByteArray &line : metrics.body.split('\n')) {
        if (line.startsWith(prefix)) {
            bool ok = false;
            const double value = line.mid(prefix.size()).trimmed().toDouble(&ok);
            if (ok)
                return value;
        }
    }
    return std::nullopt;
}

double metricOnAllReplicas(const QByteArray &series)
{
    double total = 0;
    for (int replica : StackControl::runningServers())
        total += replicaMetric(replica, series).value_or(0);
    return total;
}

} // namespace nova::test
