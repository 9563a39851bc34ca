#pragma once

#include "console/dashboard/dashboard_feed.h"
#include "console/dashboard/time_range.h"
#include "console/panels/chart_marker.h"
#include "console/panels/chart_series.h"
#include "console/prometheus/platform_queries.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QWidget>

#include <functional>

namespace nova {

class StatPanel;
class TimeSeriesPanel;

// The platform's health at a glance: a panel per figure, drawn as its DashboardFeed reads it over
// the chosen time range. A panel whose data cannot be refreshed keeps what it had and says it is
// stale. Dragging across any chart shows that span on all of them.
class PlatformDashboard : public QWidget
{
    Q_OBJECT

public:
    explicit PlatformDashboard(DashboardFeed &feed, QWidget *parent = nullptr);

    void setTimeRange(const TimeRange &range);
    const TimeRange &timeRange() const { return m_feed.timeRange(); }

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
    TimeSeriesPanel *addChart(const QString &title, int unit, int style,
                              QList<DashboardFeed::PanelQuery> queries);

    DashboardFeed &m_feed;
    StatPanel *m_activeStreams = nullptr;
    TimeSeriesPanel *m_viewers = nullptr;
    QMap<int, TimeSeriesPanel *> m_charts; // by the feed's chart number
};

} // namespace nova
