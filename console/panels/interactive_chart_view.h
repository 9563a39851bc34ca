#pragma once

#include "console/panels/chart_marker.h"

#include <QChartView>
#include <QDateTime>

namespace nova {

// A chart view that lets the operator pick a time span by dragging across it (every panel then
// shows that span) and go back with a double-click or the right button. Markers are drawn over
// the plot as vertical lines; hovering one shows what happened then.
class InteractiveChartView : public QChartView
{
    Q_OBJECT

public:
    explicit InteractiveChartView(QChart *chart, QWidget *parent = nullptr);

    void setMarkers(const QList<ChartMarker> &markers);
    const QList<ChartMarker> &markers() const { return m_markers; }
    // The labels of the markers within a few pixels of `position` (in the view), one per line.
    QString markersNear(const QPoint &position) const;

signals:
    void rangeSelected(const QDateTime &from, const QDateTime &to);
    void resetRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    QPointF m_pressAt;
    QList<ChartMarker> m_markers;
};

} // namespace nova
