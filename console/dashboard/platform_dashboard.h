#pragma once

#include "console/dashboard/time_range.h"
#include "console/panels/chart_marker.h"
#include "console/panels/chart_series.h"
#include "console/prometheus/platform_queries.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <functional>

namespace nova {

class AlertTableModel;
class ApiClient;
class PrometheusClient;
class StatPanel;
class StreamTableModel;
class TimeSeriesPanel;

// The platform's health at a glance: every panel's PromQL over the chosen time range, fetched
// at once and drawn when it arrives. A panel whose data cannot be refreshed keeps what it had
// and says it is stale. Dragging across any chart shows that span on all of them.
class PlatformDashboard : public QWidget
{
    Q_OBJECT

public:
    // How often Prometheus scrapes nova-server (deploy/local/prometheus.yml.in): no step finer.
    static constexpr std::chrono::seconds kScrapeInterval{5};
    static constexpr int kTopStreams = 5;

    PlatformDashboard(PrometheusClient &prometheus, ApiClient &api, StreamTableModel &streams,
                      AlertTableModel &alerts, QWidget *parent = nullptr);

    void setTimeRange(const TimeRange &range);
    const TimeRange &timeRange() const { return m_range; }

    StatPanel *activeStreams() const { return m_activeStreams; }
    TimeSeriesPanel *viewers() const { return m_viewers; }
    QList<TimeSeriesPanel *> charts() const;

public slots:
    void refresh();
    void refreshAlerts();

signals:
    // Every answer of the last refresh() has arrived (and been drawn, where it could be).
    void refreshed();
    void timeRangeChanged(const nova::TimeRange &range);
    void resetZoomRequested();

private:
    struct PanelQuery
    {
        std::function<QString(std::chrono::seconds rateWindow)> promql;
        QString legend; // "p95", or a label's value: "{{rendition}}"
    };
    struct Chart
    {
        TimeSeriesPanel *panel;
        QList<PanelQuery> queries;
    };

    TimeSeriesPanel *addChart(const QString &title, int unit, int style, QList<PanelQuery> queries);
    void fetchChart(const Chart &chart, std::chrono::seconds step, std::chrono::seconds window);
    void fetchActiveStreams(std::chrono::seconds step);
    void fetchViewers(std::chrono::seconds step);
    void fetchAlerts(std::function<void()> then);
    // Alerts fired and resolved over the range, then every chart's markers.
    void fetchMarkers(std::chrono::seconds step);
    // Streams' starts and ends (from the table) on the viewers chart, alerts' on every chart.
    void showMarkers();
    void showViewers();
    void started();
    void finished();

    PrometheusClient &m_prometheus;
    ApiClient &m_api;
    StreamTableModel &m_streams;
    QList<ChartMarker> m_alertMarkers;
    AlertTableModel &m_alerts;
    TimeRange m_range;
    QDateTime m_from;
    QDateTime m_to;
    quint64 m_generation = 0;
    int m_pending = 0;

    StatPanel *m_activeStreams = nullptr;
    TimeSeriesPanel *m_viewers = nullptr;
    QList<Chart> m_charts;
    ChartSeries m_viewerTotal;
    QList<ChartSeries> m_viewerTop;
};

} // namespace nova
