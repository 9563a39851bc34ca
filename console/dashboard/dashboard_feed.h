#pragma once

#include "console/dashboard/time_range.h"
#include "console/panels/chart_marker.h"
#include "console/panels/chart_series.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointF>

#include <chrono>
#include <functional>

namespace nova {

class AlertTableModel;
class ApiClient;
class PrometheusClient;
class StreamTableModel;

// What the platform dashboard shows, read for its time range: each chart's PromQL, the active
// streams' history, the viewers (the total from Prometheus, the top streams from the API's
// history), Prometheus's alerts (into the alerts model) and the charts' markers. Tells each part
// as it arrives; a part that cannot be read is told stale with the reason, and whoever draws it
// keeps what it drew.
class DashboardFeed : public QObject
{
    Q_OBJECT

public:
    // How often Prometheus scrapes nova-server (deploy/local/prometheus.yml.in): no step finer.
    static constexpr std::chrono::seconds kScrapeInterval{5};
    static constexpr int kTopStreams = 5;

    struct PanelQuery
    {
        std::function<QString(std::chrono::seconds rateWindow)> promql;
        QString legend; // "p95", or a label's value: "{{rendition}}"
    };

    DashboardFeed(PrometheusClient &prometheus, ApiClient &api, StreamTableModel &streams,
                  AlertTableModel &alerts, QObject *parent = nullptr);

    // A chart's queries; its number names it in chartRead() and chartStale().
    int addChart(QList<PanelQuery> queries);

    void setTimeRange(const TimeRange &range);
    const TimeRange &timeRange() const { return m_range; }
    // Reads everything for the range as of now, about one point per pixel of `widthPixels`.
    void refresh(int widthPixels);
    void refreshAlerts();

signals:
    void activeStreamsRead(const QList<QPointF> &history, const QDateTime &from,
                           const QDateTime &to);
    void viewersRead(const QList<nova::ChartSeries> &series, const QDateTime &from,
                     const QDateTime &to);
    void chartRead(int chart, const QList<nova::ChartSeries> &series, const QDateTime &from,
                   const QDateTime &to);
    // `stale`: false once it could be read again. `chart` -1: the active streams, -2: viewers.
    void partStale(int chart, bool stale, const QString &reason);
    // Streams started and ended, alerts fired and resolved, within the range.
    void markersRead(const QList<nova::ChartMarker> &streams,
                     const QList<nova::ChartMarker> &alerts);
    // Every answer of the last refresh() has arrived.
    void refreshed();

public:
    static constexpr int kActiveStreamsPart = -1;
    static constexpr int kViewersPart = -2;

private:
    void fetchChart(int chart, std::chrono::seconds step, std::chrono::seconds window);
    void fetchActiveStreams(std::chrono::seconds step);
    void fetchViewers(std::chrono::seconds step);
    void fetchAlerts(std::function<void()> then);
    void fetchMarkers(std::chrono::seconds step);
    void tellViewers();
    void started();
    void finished();

    PrometheusClient &m_prometheus;
    ApiClient &m_api;
    StreamTableModel &m_streams;
    AlertTableModel &m_alerts;
    QList<QList<PanelQuery>> m_charts;
    TimeRange m_range;
    QDateTime m_from;
    QDateTime m_to;
    quint64 m_generation = 0;
    int m_pending = 0;
    ChartSeries m_viewerTotal;
    QList<ChartSeries> m_viewerTop;
};

} // namespace nova
