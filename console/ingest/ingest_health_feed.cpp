#include "console/ingest/ingest_health_feed.h"

#include "console/async/future_outcome.h"
#include "console/prometheus/platform_queries.h"
#include "console/prometheus/prometheus_client.h"

namespace nova {

IngestHealthFeed::IngestHealthFeed(PrometheusClient &prometheus, QObject *parent)
    : QObject(parent)
    , m_prometheus(prometheus)
{}

void IngestHealthFeed::refresh()
{
    const quint64 generation = ++m_generation;
    QList<QFuture<PrometheusResult>> futures{
        m_prometheus.query(PlatformQueries::ingestNodesUp()),
        m_prometheus.query(PlatformQueries::ingestNodeStreams())};
    whenFinished(QtFuture::whenAll(futures.begin(), futures.end()), this,
                 [this, generation](const QFuture<QList<QFuture<PrometheusResult>>> &all) {
                     if (generation != m_generation)
                         return;
                     const QList<QFuture<PrometheusResult>> done = all.result();
                     QString problem;
                     const auto up = resultOf(done.at(0), &problem);
                     const auto streams = resultOf(done.at(1), &problem);
                     if (!up || !streams) {
                         emit unavailable(problem);
                         return;
                     }
                     emit read(IngestNodeHealth::fromResults(*up, *streams));
                 });
}

} // namespace nova
