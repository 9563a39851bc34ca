#include "console/dashboard/dashboard_feed.h"

#include "console/alerts/alert_table_model.h"
#include "console/async/future_outcome.h"
#include "console/dashboard/chart_annotations.h"
#include "console/prometheus/platform_queries.h"
#include "console/prometheus/prometheus_client.h"
#include "console/prometheus/query_step.h"
#include "console/streams/stream_table_model.h"
#include "shared/api_client.h"

#include <QRegularExpression>

#include <algorithm>

namespace nova {

namespace {
using std::chrono::seconds;
namespace Q = PlatformQueries;

// "{{rendition}}" → the series' rendition label; a plain legend stays as it is.
QString legendOf(const QString &legend, const PrometheusSeries &series)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{(\\w+)\\}\\}"));
    QString text = legend;
    QRegularExpressionMatch match;
    while ((match = placeholder.match(text)).hasMatch()) {
        QString value = series.labels.value(match.captured(1));
        if (value.isEmpty())
            value = QStringLiteral("(none)");
        text.replace(match.capturedStart(), match.capturedLength(), value);
    }
    return text;
}
} // namespace

DashboardFeed::DashboardFeed(PrometheusClient &prometheus, ApiClient &api,
                             StreamTableModel &streams, AlertTableModel &alerts, QObject *parent)
    : QObject(parent)
    , m_prometheus(prometheus)
    , m_api(api)
    , m_streams(streams)
    , m_alerts(alerts)
{}

int DashboardFeed::addChart(QList<PanelQuery> queries)
{
    m_charts.append(std::move(queries));
    return int(m_charts.size() - 1);
}

void DashboardFeed::setTimeRange(const TimeRange &range)
{
    m_range = range;
}

void DashboardFeed::refresh(int widthPixels)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_from = m_range.from(now);
    m_to = m_range.to(now);
    // One point per pixel of the widest chart at most.
    const int width = std::max(widthPixels, 300);
    const seconds step = QueryStep::forRange(m_range.length(), width, kScrapeInterval);
    const seconds window = QueryStep::rateWindow(step, kScrapeInterval);
    ++m_generation;
    m_pending = 0;

    fetchActiveStreams(step);
    fetchViewers(step);
    for (int chart = 0; chart < m_charts.size(); ++chart)
        fetchChart(chart, step, window);
    fetchMarkers(step);
    started();
    fetchAlerts([this, generation = m_generation] {
        if (generation == m_generation)
            finished();
    });
}

void DashboardFeed::started()
{
    ++m_pending;
}

void DashboardFeed::finished()
{
    if (--m_pending == 0)
        emit refreshed();
}

void DashboardFeed::fetchActiveStreams(seconds step)
{
    started();
    const quint64 generation = m_generation;
    whenFinished(m_prometheus.queryRange(Q::activeStreams(), m_from, m_to, step), this,
                 [this, generation](const QFuture<PrometheusResult> &done) {
                     if (generation != m_generation)
                         return;
                     QString problem;
                     if (const auto result = resultOf(done, &problem)) {
                         emit activeStreamsRead(result->series.isEmpty()
                                                    ? QList<QPointF>()
                                                    : result->series.constFirst().points,
                                                m_from, m_to);
                     }
                     emit partStale(kActiveStreamsPart, !problem.isEmpty(), problem);
                     finished();
                 });
}

void DashboardFeed::fetchChart(int chart, seconds step, seconds window)
{
    started();
    QList<QFuture<PrometheusResult>> futures;
    const QList<PanelQuery> queries = m_charts.at(chart);
    for (const PanelQuery &query : queries)
        futures.append(m_prometheus.queryRange(query.promql(window), m_from, m_to, step));
    const quint64 generation = m_generation;
    whenFinished(
        QtFuture::whenAll(futures.begin(), futures.end()), this,
        [this, generation, chart, queries](const QFuture<QList<QFuture<PrometheusResult>>> &all) {
            if (generation != m_generation)
                return;
            const QList<QFuture<PrometheusResult>> done = all.result();
            QList<ChartSeries> series;
            QString problem;
            for (qsizetype i = 0; i < done.size(); ++i) {
                const auto result = resultOf(done.at(i), &problem);
                if (!result)
                    continue;
                QList<ChartSeries> ofQuery;
                for (const PrometheusSeries &one : result->series)
                    ofQuery.append({legendOf(queries.at(i).legend, one), one.points});
                std::sort(
                    ofQuery.begin(), ofQuery.end(),
                    [](const ChartSeries &a, const ChartSeries &b) { return a.name < b.name; });
                series.append(ofQuery);
            }
            // On any failure the panel keeps what it showed, marked stale.
            if (problem.isEmpty())
                emit chartRead(chart, series, m_from, m_to);
            emit partStale(chart, !problem.isEmpty(), problem);
            finished();
        });
}

void DashboardFeed::fetchViewers(seconds step)
{
    const quint64 generation = m_generation;
    started();
    whenFinished(m_prometheus.queryRange(Q::concurrentViewers(), m_from, m_to, step), this,
                 [this, generation](const QFuture<PrometheusResult> &done) {
                     if (generation != m_generation)
                         return;
                     QString problem;
                     if (const auto result = resultOf(done, &problem)) {
                         m_viewerTotal = {tr("all streams"),
                                          result->series.isEmpty()
                                              ? QList<QPointF>()
                                              : result->series.constFirst().points};
                         tellViewers();
                     }
                     emit partStale(kViewersPart, !problem.isEmpty(), problem);
                     finished();
                 });

    // Per stream from the API's history: Prometheus's metrics never carry a stream id.
    QList<StreamTableModel::Row> live;
    for (const StreamTableModel::Row &row : m_streams.rows()) {
        if (row.stream.status == StreamStatus::Active)
            live.append(row);
    }
    std::sort(live.begin(), live.end(), [](const auto &a, const auto &b) {
        return a.stream.viewerCount > b.stream.viewerCount;
    });
    live = live.mid(0, kTopStreams);
    m_viewerTop.clear();
    if (live.isEmpty()) {
        tellViewers();
        return;
    }
    QList<QFuture<QList<StreamSample>>> futures;
    for (const StreamTableModel::Row &row : live)
        futures.append(m_api.history(row.stream.id, m_from, m_to, std::max(step, kScrapeInterval)));
    started();
    whenFinished(QtFuture::whenAll(futures.begin(), futures.end()), this,
                 [this, generation, live](const QFuture<QList<QFuture<QList<StreamSample>>>> &all) {
                     if (generation != m_generation)
                         return;
                     const QList<QFuture<QList<StreamSample>>> done = all.result();
                     for (qsizetype i = 0; i < done.size(); ++i) {
                         QString problem; // a stream's history is a detail: the total still shows
                         const auto samples = resultOf(done.at(i), &problem);
                         if (!samples)
                             continue;
                         ChartSeries series{live.at(i).stream.title, {}};
                         for (const StreamSample &sample : *samples)
                             series.points.append(
                                 QPointF(double(sample.time.toMSecsSinceEpoch()), sample.viewers));
                         m_viewerTop.append(series);
                     }
                     tellViewers();
                     finished();
                 });
}

void DashboardFeed::tellViewers()
{
    QList<ChartSeries> series{m_viewerTotal};
    series.append(m_viewerTop);
    emit viewersRead(series, m_from, m_to);
}

void DashboardFeed::fetchMarkers(seconds step)
{
    started();
    const quint64 generation = m_generation;
    whenFinished(m_prometheus.queryRange(Q::firingAlerts(), m_from, m_to, step), this,
                 [this, generation, step](const QFuture<PrometheusResult> &done) {
                     if (generation != m_generation)
                         return;
                     QList<Stream> streams;
                     for (const StreamTableModel::Row &row : m_streams.rows())
                         streams.append(row.stream);
                     QString problem; // the charts say Prometheus is away
                     const auto result = resultOf(done, &problem);
                     emit markersRead(ChartAnnotations::ofStreams(streams, m_from, m_to),
                                      result ? ChartAnnotations::ofAlerts(*result, step, m_to)
                                             : QList<ChartMarker>());
                     finished();
                 });
}

void DashboardFeed::refreshAlerts()
{
    fetchAlerts([] {});
}

void DashboardFeed::fetchAlerts(std::function<void()> then)
{
    whenFinished(m_prometheus.alerts(), this,
                 [this, then](const QFuture<QList<PrometheusAlert>> &done) {
                     QString problem; // kept as they were: the status bar says Prometheus is away
                     if (const auto alerts = resultOf(done, &problem))
                         m_alerts.setAlerts(*alerts);
                     then();
                 });
}

} // namespace nova
