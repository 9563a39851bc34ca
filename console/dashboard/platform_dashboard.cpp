#include "console/dashboard/platform_dashboard.h"

#include "console/panels/stat_panel.h"
#include "console/panels/time_series_panel.h"
#include "console/prometheus/platform_queries.h"

#include <QGridLayout>

namespace nova {

namespace {
using std::chrono::seconds;
using Unit = DisplayFormat::Unit;
namespace Q = PlatformQueries;

} // namespace

PlatformDashboard::PlatformDashboard(DashboardFeed &feed, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(6);

    m_activeStreams = new StatPanel(tr("Active streams"), Unit::Count, this);
    m_viewers = new TimeSeriesPanel(
        tr("Concurrent viewers (total and top %1 streams)").arg(DashboardFeed::kTopStreams),
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

    connect(&m_feed, &DashboardFeed::activeStreamsRead, m_activeStreams, &StatPanel::setHistory);
    connect(&m_feed, &DashboardFeed::viewersRead, m_viewers, &TimeSeriesPanel::setSeries);
    connect(&m_feed, &DashboardFeed::chartRead, this,
            [this](int chart, const QList<ChartSeries> &series, const QDateTime &from,
                   const QDateTime &to) {
                if (TimeSeriesPanel *panel = m_charts.value(chart))
                    panel->setSeries(series, from, to);
            });
    connect(&m_feed, &DashboardFeed::partStale, this,
            [this](int part, bool stale, const QString &reason) {
                if (part == DashboardFeed::kActiveStreamsPart)
                    m_activeStreams->setStale(stale, reason);
                else if (part == DashboardFeed::kViewersPart)
                    m_viewers->setStale(stale, reason);
                else if (TimeSeriesPanel *panel = m_charts.value(part))
                    panel->setStale(stale, reason);
            });
    // Streams come and go all day: their marks go on the viewers chart only, where they explain
    // the curve; alerts, rarer, on every chart.
    connect(&m_feed, &DashboardFeed::markersRead, this,
            [this](const QList<ChartMarker> &streams, const QList<ChartMarker> &alerts) {
                m_viewers->setMarkers(streams + alerts);
                for (TimeSeriesPanel *panel : std::as_const(m_charts))
                    panel->setMarkers(alerts);
            });
    connect(&m_feed, &DashboardFeed::refreshed, this, &PlatformDashboard::refreshed);
}

TimeSeriesPanel *PlatformDashboard::addChart(const QString &title, int unit, int style,
                                             QList<DashboardFeed::PanelQuery> queries)
{
    auto *panel = new TimeSeriesPanel(title, Unit(unit), TimeSeriesPanel::Style(style), this);
    connect(panel, &TimeSeriesPanel::rangeSelected, this,
            [this](const QDateTime &from, const QDateTime &to) {
                setTimeRange(TimeRange::custom(from, to));
            });
    connect(panel, &TimeSeriesPanel::resetRequested, this, &PlatformDashboard::resetZoomRequested);
    m_charts.insert(m_feed.addChart(std::move(queries)), panel);
    return panel;
}

QList<TimeSeriesPanel *> PlatformDashboard::charts() const
{
    QList<TimeSeriesPanel *> panels{m_viewers};
    panels.append(m_charts.values());
    return panels;
}

void PlatformDashboard::setTimeRange(const TimeRange &range)
{
    m_feed.setTimeRange(range);
    emit timeRangeChanged(range);
    refresh();
}

void PlatformDashboard::refresh()
{
    m_feed.refresh(m_viewers->width());
}

void PlatformDashboard::refreshAlerts()
{
    m_feed.refreshAlerts();
}

} // namespace nova
