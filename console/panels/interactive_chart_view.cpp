#include "console/panels/interactive_chart_view.h"

#include "shared/qt_compat.h"

#include <QMouseEvent>

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
