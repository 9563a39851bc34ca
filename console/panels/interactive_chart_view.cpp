#include "console/panels/interactive_chart_view.h"

#include "shared/qt_compat.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPolygonF>
#include <QToolTip>

#include <cmath>

namespace nova {

namespace {
// Shorter drags are clicks, not selections.
constexpr qreal kMinimumDragPixels = 6;
} // namespace

InteractiveChartView::InteractiveChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMouseTracking(true);
}

void InteractiveChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        event->accept();
        return; // QChartView would zoom out one step; here it resets (on release)
    }
    m_pressAt = event->position();
    QChartView::mousePressEvent(event);
}

void InteractiveChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        event->accept();
        emit resetRequested();
        return;
    }
    const qreal dragged = std::abs(event->position().x() - m_pressAt.x());
    if (event->button() != Qt::LeftButton || dragged < kMinimumDragPixels) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    const QRectF plot = chart()->plotArea();
    const qreal left =
        std::clamp(std::min(m_pressAt.x(), event->position().x()), plot.left(), plot.right());
    const qreal right =
        std::clamp(std::max(m_pressAt.x(), event->position().x()), plot.left(), plot.right());
    const QPointF from = chart()->mapToValue(QPointF(left, plot.center().y()));
    const QPointF to = chart()->mapToValue(QPointF(right, plot.center().y()));
    // The dashboard refetches the span at its own resolution; no local zoom needed.
    setRubberBand(QChartView::NoRubberBand);
    QChartView::mouseReleaseEvent(event);
    setRubberBand(QChartView::HorizontalRubberBand);
    if (to.x() > from.x())
        emit rangeSelected(utcFromMSecsSinceEpoch(qint64(from.x())),
                           utcFromMSecsSinceEpoch(qint64(to.x())));
}

void InteractiveChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    event->accept();
    emit resetRequested();
}

} // namespace nova

namespace nova {

namespace {
constexpr int kHoverPixels = 4;

QColor colorOf(ChartMarker::Kind kind)
{
    switch (kind) {
    case ChartMarker::Kind::StreamStarted:
        return QColor(0x2e, 0x7d, 0x32);
    case ChartMarker::Kind::StreamEnded:
        return QColor(0x61, 0x61, 0x61);
    case ChartMarker::Kind::AlertFired:
        return QColor(0xc6, 0x28, 0x28);
    case ChartMarker::Kind::AlertResolved:
        return QColor(0x15, 0x65, 0xc0);
    }
    return Qt::black;
}
} // namespace

void InteractiveChartView::setMarkers(const QList<ChartMarker> &markers)
{
    if (markers == m_markers)
        return;
    m_markers = markers;
    viewport()->update();
}

void InteractiveChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_markers.isEmpty() || chart()->series().isEmpty())
        return;
    const QRectF plot = chart()->plotArea();
    painter->save();
    for (const ChartMarker &marker : m_markers) {
        const double x = chart()->mapToPosition(QPointF(marker.x, 0)).x();
        if (x < plot.left() || x > plot.right())
            continue;
        QPen pen(colorOf(marker.kind));
        pen.setStyle(marker.kind == ChartMarker::Kind::AlertFired ||
                             marker.kind == ChartMarker::Kind::AlertResolved
                         ? Qt::DashLine
                         : Qt::SolidLine);
        pen.setWidthF(1.2);
        painter->setPen(pen);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        // A small flag at the top tells a marker from a data line.
        painter->setBrush(colorOf(marker.kind));
        painter->drawPolygon(QPolygonF{QPointF(x, plot.top()), QPointF(x + 6, plot.top() + 3),
                                       QPointF(x, plot.top() + 6)});
    }
    painter->restore();
}

QString InteractiveChartView::markersNear(const QPoint &position) const
{
    if (chart()->series().isEmpty())
        return {};
    QStringList near;
    for (const ChartMarker &marker : m_markers) {
        const double x = chart()->mapToPosition(QPointF(marker.x, 0)).x();
        if (std::abs(x - position.x()) <= kHoverPixels) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(marker.x)).toLocalTime();
            near.append(at.toString(QStringLiteral("HH:mm:ss")) + u' ' + marker.label);
        }
    }
    return near.join(u'\n');
}

void InteractiveChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    if (m_markers.isEmpty())
        return;
    const QString text = markersNear(event->position().toPoint());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace nova
