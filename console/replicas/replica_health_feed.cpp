#include "console/replicas/replica_health_feed.h"

#include "console/async/future_outcome.h"
#include "console/prometheus/platform_queries.h"
#include "console/prometheus/prometheus_client.h"

namespace nova {

ReplicaHealthFeed::ReplicaHealthFeed(PrometheusClient &prometheus, QObject *parent)
    : QObject(parent)
    , m_prometheus(prometheus)
{}

void ReplicaHealthFeed::refresh()
{
    const quint64 generation = ++m_generation;
    QList<QFuture<PrometheusResult>> futures;
    for (const QString &query :
         {PlatformQueries::replicasUp(), PlatformQueries::replicaCpu(),
          PlatformQueries::replicaMemory(), PlatformQueries::replicaConnections(),
          PlatformQueries::replicaEventLoopLag(), PlatformQueries::replicaDependencies()})
        futures.append(m_prometheus.query(query));
    whenFinished(QtFuture::whenAll(futures.begin(), futures.end()), this,
                 [this, generation](const QFuture<QList<QFuture<PrometheusResult>>> &all) {
                     if (generation != m_generation)
                         return;
                     QList<PrometheusResult> results;
                     for (const QFuture<PrometheusResult> &done : all.result()) {
                         QString problem;
                         const auto result = resultOf(done, &problem);
                         if (!result) {
                             emit unavailable(problem);
                             return;
                         }
                         results.append(*result);
                     }
                     emit read(ReplicaHealth::fromResults(results));
                 });
}

} // namespace nova
