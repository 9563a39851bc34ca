#pragma once

#include "console/format/display_format.h"
#include "console/panels/chart_marker.h"
#include "console/panels/chart_series.h"

#include <QDateTime>
#include <QFrame>

#include <optional>

class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;
class QXYSeries;

namespace nova {

class InteractiveChartView;

// One chart of the dashboard: lines or areas stacked on each other over a time span, a legend,
// exact values on hover, an optional threshold line, and a "stale" mark when its data could not
// be refreshed (the last data stays on screen).
class TimeSeriesPanel : public QFrame
{
    Q_OBJECT

public:
    enum class Style
    {
        Lines,
        StackedAreas,
    };

    TimeSeriesPanel(const QString &title, DisplayFormat::Unit unit, Style style,
                    QWidget *parent = nullptr);

    void setThreshold(std::optional<double> value, const QString &label = {});
    void setSeries(const QList<ChartSeries> &series, const QDateTime &from, const QDateTime &to);
    void setStale(bool stale, const QString &reason = {});
    // Moments drawn over the chart (streams started and ended, alerts fired and resolved).
    void setMarkers(const QList<ChartMarker> &markers);
    const QList<ChartMarker> &markers() const;

    QString title() const { return m_titleText; }
    bool isStale() const { return m_stale; }
    const QList<ChartSeries> &series() const { return m_series; }
    QChart *chart() const { return m_chart; }
    // What the tooltip would say for the point nearest to `x` (ms) on series `index`.
    QString describe(int index, qreal x) const;

signals:
    void rangeSelected(const QDateTime &from, const QDateTime &to);
    void resetRequested();

private:
    void showTooltip(int index, const QPointF &point, bool entered);
    QXYSeries *lineFor(int index);
    void updateTitle();

    QString m_titleText;
    DisplayFormat::Unit m_unit;
    Style m_style;
    QLabel *m_title = nullptr;
    QChart *m_chart = nullptr;
    InteractiveChartView *m_view = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QLineSeries *m_thresholdLine = nullptr;
    std::optional<double> m_threshold;
    QList<ChartSeries> m_series;
    bool m_stale = false;
    QString m_staleReason;
};

} // namespace nova
