#include "console/dashboard/platform_dashboard.h"

#include "console/alerts/alert_table_model.h"
#include "console/async/future_outcome.h"
#include "console/dashboard/chart_annotations.h"
#include "console/panels/stat_panel.h"
#include "console/panels/time_series_panel.h"
#include "console/prometheus/prometheus_client.h"
#include "console/prometheus/query_step.h"
#include "console/streams/stream_table_model.h"
#include "shared/api_client.h"

#include <QGridLayout>
#include <QRegularExpression>

#include <algorithm>

namespace nova {

namespace {
using std::chrono::seconds;
using Unit = DisplayFormat::Unit;
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

PlatformDashboard::PlatformDashboard(PrometheusClient &prometheus, ApiClient &api,
                                     StreamTableModel &streams, AlertTableModel &alerts,
                                     QWidget *parent)
    : QWidget(parent)
    , m_prometheus(prometheus)
    , m_api(api)
    , m_streams(streams)
    , m_alerts(alerts)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(6);

    m_activeStreams = new StatPanel(tr("Active streams"), Unit::Count, this);
    m_viewers =
        new TimeSeriesPanel(tr("Concurrent viewers (total and top %1 streams)").arg(kTopStreams),
                            Unit::Count, TimeSeriesPanel::Style::Lines, this);
    connect(m_viewers, &TimeSeriesPanel::rangeSelected, this,
            [this](const QDateTime &from, const QDateTime &to) {
                setTimeRange(TimeRange::custom(from, to));
            });
    connect(m_viewers, &TimeSeriesPanel::resetRequested, this,
            &PlatformDashboard::resetZoomRequested);

    auto *quality = addChart(tr("Quality distribution (HLS segments/s by rendition)"),
                             int(Unit::PerSecond), int(TimeSeriesPanel::Style::StackedAreas),
                             {{[](seconds window) { return Q::segmentsByRendition(window); },
                               QStringLiteral("{{rendition}}")}});
    auto *errors = addChart(tr("Broadcast error rate (share of WebSocket clients, 5 m)"),
                            int(Unit::Ratio), int(TimeSeriesPanel::Style::Lines),
                            {{[](seconds) { return Q::broadcastErrorShare(); }, tr("errors")}});
    errors->setThreshold(Q::kBroadcastErrorShareThreshold, tr("alert threshold"));
    auto *latency =
        addChart(tr("Ingest latency"), int(Unit::Seconds), int(TimeSeriesPanel::Style::Lines),
                 {{[](seconds window) { return Q::ingestLatencyQuantile(0.5, window); },
                   QStringLiteral("p50")},
                  {[](seconds window) { return Q::ingestLatencyQuantile(0.95, window); },
                   QStringLiteral("p95")},
                  {[](seconds window) { return Q::ingestLatencyQuantile(0.99, window); },
                   QStringLiteral("p99")}});
    auto *connections = addChart(
        tr("WebSocket connections"), int(Unit::Count), int(TimeSeriesPanel::Style::Lines),
        {{[](seconds) { return Q::websocketConnectionsByKind(); }, QStringLiteral("{{kind}}")}});
    auto *segments = addChart(tr("HLS segment generation time"), int(Unit::Seconds),
                              int(TimeSeriesPanel::Style::Lines),
                              {{[](seconds window) { return Q::segmentTimeQuantile(0.5, window); },
                                QStringLiteral("p50")},
                               {[](seconds window) { return Q::segmentTimeQuantile(0.95, window); },
                                QStringLiteral("p95")}});

    auto *glassToGlass =
        addChart(tr("Viewers' glass to glass (watch pages)"), int(Unit::Seconds),
                 int(TimeSeriesPanel::Style::Lines),
                 {{[](seconds window) { return Q::viewerLatencyQuantile(0.5, window); },
                   QStringLiteral("p50")},
                  {[](seconds window) { return Q::viewerLatencyQuantile(0.95, window); },
                   QStringLiteral("p95")}});
    auto *stalls =
        addChart(tr("Viewer stalls"), int(Unit::PerSecond), int(TimeSeriesPanel::Style::Lines),
                 {{[](seconds window) { return Q::viewerStalls(window); }, tr("stalls")}});

    grid->addWidget(m_activeStreams, 0, 0);
    grid->addWidget(m_viewers, 0, 1, 1, 2);
    grid->addWidget(quality, 1, 0);
    grid->addWidget(errors, 1, 1);
    grid->addWidget(latency, 1, 2);
    grid->addWidget(connections, 2, 0);
    grid->addWidget(segments, 2, 1, 1, 2);
    grid->addWidget(glassToGlass, 3, 0, 1, 2);
    grid->addWidget(stalls, 3, 2);
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);
}

TimeSeriesPanel *PlatformDashboard::addChart(const QString &title, int unit, int style,
                                             QList<PanelQuery> queries)
{
    auto *panel = new TimeSeriesPanel(title, Unit(unit), TimeSeriesPanel::Style(style), this);
    connect(panel, &TimeSeriesPanel::rangeSelected, this,
            [this](const QDateTime &from, const QDateTime &to) {
                setTimeRange(TimeRange::custom(from, to));
            });
    connect(panel, &TimeSeriesPanel::resetRequested, this, &PlatformDashboard::resetZoomRequested);
    m_charts.append({panel, std::move(queries)});
    return panel;
}

QList<TimeSeriesPanel *> PlatformDashboard::charts() const
{
    QList<TimeSeriesPanel *> panels{m_viewers};
    for (const Chart &chart : m_charts)
        panels.append(chart.panel);
    return panels;
}

void PlatformDashboard::setTimeRange(const TimeRange &range)
{
    m_range = range;
    emit timeRangeChanged(m_range);
    refresh();
}

void PlatformDashboard::refresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_from = m_range.from(now);
    m_to = m_range.to(now);
    // One point per pixel of the widest chart at most.
    const int width = std::max(m_viewers->width(), 300);
    const seconds step = QueryStep::forRange(m_range.length(), width, kScrapeInterval);
    const seconds window = QueryStep::rateWindow(step, kScrapeInterval);
    ++m_generation;
    m_pending = 0;

    fetchActiveStreams(step);
    fetchViewers(step);
    for (const Chart &chart : std::as_const(m_charts))
        fetchChart(chart, step, window);
    fetchMarkers(step);
    started();
    fetchAlerts([this, generation = m_generation] {
        if (generation == m_generation)
            finished();
    });
}

void PlatformDashboard::started()
{
    ++m_pending;
}

void PlatformDashboard::finished()
{
    if (--m_pending == 0)
        emit refreshed();
}

void PlatformDashboard::fetchActiveStreams(seconds step)
{
    started();
    const quint64 generation = m_generation;
    whenFinished(m_prometheus.queryRange(Q::activeStreams(), m_from, m_to, step), this,
                 [this, generation](const QFuture<PrometheusResult> &done) {
                     if (generation != m_generation)
                         return;
                     QString problem;
                     if (const auto result = resultOf(done, &problem)) {
                         m_activeStreams->setHistory(result->series.isEmpty()
                                                         ? QList<QPointF>()
                                                         : result->series.constFirst().points,
                                                     m_from, m_to);
                     }
                     m_activeStreams->setStale(!problem.isEmpty(), problem);
                     finished();
                 });
}

void PlatformDashboard::fetchChart(const Chart &chart, seconds step, seconds window)
{
    started();
    QList<QFuture<PrometheusResult>> futures;
    for (const PanelQuery &query : chart.queries)
        futures.append(m_prometheus.queryRange(query.promql(window), m_from, m_to, step));
    const quint64 generation = m_generation;
    whenFinished(
        QtFuture::whenAll(futures.begin(), futures.end()), this,
        [this, generation, chart](const QFuture<QList<QFuture<PrometheusResult>>> &all) {
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
                    ofQuery.append({legendOf(chart.queries.at(i).legend, one), one.points});
                std::sort(
                    ofQuery.begin(), ofQuery.end(),
                    [](const ChartSeries &a, const ChartSeries &b) { return a.name < b.name; });
                series.append(ofQuery);
            }
            // On any failure the panel keeps what it showed, marked stale.
            if (problem.isEmpty())
                chart.panel->setSeries(series, m_from, m_to);
            chart.panel->setStale(!problem.isEmpty(), problem);
            finished();
        });
}

void PlatformDashboard::fetchViewers(seconds step)
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
                         showViewers();
                     }
                     m_viewers->setStale(!problem.isEmpty(), problem);
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
        showViewers();
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
                     showViewers();
                     finished();
                 });
}

void PlatformDashboard::showViewers()
{
    QList<ChartSeries> series{m_viewerTotal};
    series.append(m_viewerTop);
    m_viewers->setSeries(series, m_from, m_to);
}

void PlatformDashboard::fetchMarkers(seconds step)
{
    started();
    const quint64 generation = m_generation;
    whenFinished(m_prometheus.queryRange(Q::firingAlerts(), m_from, m_to, step), this,
                 [this, generation, step](const QFuture<PrometheusResult> &done) {
                     if (generation != m_generation)
                         return;
                     QString problem; // the charts say Prometheus is away; the marks stay
                     if (const auto result = resultOf(done, &problem))
                         m_alertMarkers = ChartAnnotations::ofAlerts(*result, step, m_to);
                     showMarkers();
                     finished();
                 });
}

void PlatformDashboard::showMarkers()
{
    QList<Stream> streams;
    for (const StreamTableModel::Row &row : m_streams.rows())
        streams.append(row.stream);
    // Streams come and go all day: their marks go on the viewers chart only, where they explain
    // the curve; alerts, rarer, on every chart.
    m_viewers->setMarkers(ChartAnnotations::ofStreams(streams, m_from, m_to) + m_alertMarkers);
    for (const Chart &chart : std::as_const(m_charts))
        chart.panel->setMarkers(m_alertMarkers);
}

void PlatformDashboard::refreshAlerts()
{
    fetchAlerts([] {});
}

void PlatformDashboard::fetchAlerts(std::function<void()> then)
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
