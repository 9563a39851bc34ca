#include "console/panels/time_series_panel.h"

#include "console/panels/interactive_chart_view.h"
#include "console/panels/series_palette.h"

#include <QAreaSeries>
#include <QChart>
#include <QCursor>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace nova {

namespace {
// Charts cannot draw NaN or infinities: those samples are left out of the line.
QList<QPointF> drawable(const QList<QPointF> &points)
{
    QList<QPointF> out;
    out.reserve(points.size());
    for (const QPointF &point : points) {
        if (std::isfinite(point.y()))
            out.append(point);
    }
    return out;
}

double niceCeiling(double value)
{
    if (value <= 0 || !std::isfinite(value))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (factor * magnitude >= value)
            return factor * magnitude;
    }
    return 10 * magnitude;
}

// Each stacked layer's upper edge: the sum of it and every layer before, at each timestamp.
QList<QList<QPointF>> stacked(const QList<ChartSeries> &series)
{
    QList<QList<QPointF>> layers;
    QMap<qreal, qreal> running;
    for (const ChartSeries &one : series) {
        QList<QPointF> layer;
        layer.reserve(one.points.size());
        for (const QPointF &point : one.points) {
            if (!std::isfinite(point.y()))
                continue;
            qreal &sum = running[point.x()];
            sum += point.y();
            layer.append({point.x(), sum});
        }
        layers.append(layer);
    }
    return layers;
}
} // namespace

TimeSeriesPanel::TimeSeriesPanel(const QString &title, DisplayFormat::Unit unit, Style style,
                                 QWidget *parent)
    : QFrame(parent)
    , m_titleText(title)
    , m_unit(unit)
    , m_style(style)
{
    setObjectName(title);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);

    m_chart = new QChart;
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setFont(QFont(font().family(), 8));
    m_timeAxis = new QDateTimeAxis(m_chart);
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTickCount(6);
    m_timeAxis->setLabelsFont(QFont(font().family(), 8));
    m_valueAxis = new QValueAxis(m_chart);
    m_valueAxis->setLabelsFont(QFont(font().family(), 8));
    m_valueAxis->setLabelFormat(unit == DisplayFormat::Unit::Seconds ? QStringLiteral("%.3g s")
                                                                     : QStringLiteral("%.4g"));
    m_valueAxis->setRange(0, 1);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);

    m_view = new InteractiveChartView(m_chart, this);
    m_view->setMinimumHeight(170);
    layout->addWidget(m_view, 1);
    connect(m_view, &InteractiveChartView::rangeSelected, this, &TimeSeriesPanel::rangeSelected);
    connect(m_view, &InteractiveChartView::resetRequested, this, &TimeSeriesPanel::resetRequested);
    updateTitle();
}

void TimeSeriesPanel::setThreshold(std::optional<double> value, const QString &label)
{
    m_threshold = value;
    if (!m_thresholdLine) {
        m_thresholdLine = new QLineSeries(m_chart);
        QPen pen(QColor(0xd3, 0x2f, 0x2f));
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        m_thresholdLine->setPen(pen);
        m_chart->addSeries(m_thresholdLine);
        m_thresholdLine->attachAxis(m_timeAxis);
        m_thresholdLine->attachAxis(m_valueAxis);
    }
    m_thresholdLine->setName(label.isEmpty() ? tr("threshold") : label);
    m_thresholdLine->setVisible(value.has_value());
}

QXYSeries *TimeSeriesPanel::lineFor(int index)
{
    // Series are kept and reused across refreshes: replacing points is far cheaper than
    // rebuilding chart items, and keeps memory flat.
    const auto existing = m_chart->series();
    int seen = 0;
    for (QAbstractSeries *series : existing) {
        if (series == m_thresholdLine)
            continue;
        if (seen++ == index) {
            if (auto *area = qobject_cast<QAreaSeries *>(series))
                return area->upperSeries();
            return static_cast<QXYSeries *>(series);
        }
    }
    auto *line = new QLineSeries(m_chart);
    const QColor color = SeriesPalette::color(index);
    QAbstractSeries *added = line;
    if (m_style == Style::StackedAreas) {
        auto *area = new QAreaSeries(line);
        line->setParent(area);
        area->setColor(color.lighter(115));
        area->setBorderColor(color);
        area->setOpacity(0.85);
        connect(area, &QAreaSeries::hovered, this, [this, index](const QPointF &point, bool state) {
            showTooltip(index, point, state);
        });
        added = area;
    } else {
        QPen pen(color);
        pen.setWidthF(1.6);
        line->setPen(pen);
        connect(line, &QLineSeries::hovered, this, [this, index](const QPointF &point, bool state) {
            showTooltip(index, point, state);
        });
    }
    m_chart->addSeries(added);
    added->attachAxis(m_timeAxis);
    added->attachAxis(m_valueAxis);
    // The area needs a lower edge: the previous layer, or zero for the first.
    if (auto *area = qobject_cast<QAreaSeries *>(added)) {
        if (index > 0)
            area->setLowerSeries(static_cast<QLineSeries *>(lineFor(index - 1)));
    }
    return line;
}

void TimeSeriesPanel::setSeries(const QList<ChartSeries> &series, const QDateTime &from,
                                const QDateTime &to)
{
    m_series = series;
    const QList<QList<QPointF>> layers =
        m_style == Style::StackedAreas ? stacked(series) : QList<QList<QPointF>>();

    // Drop chart series beyond what is needed now (a rendition or reason that went away).
    QList<QAbstractSeries *> charted;
    for (QAbstractSeries *item : m_chart->series()) {
        if (item != m_thresholdLine)
            charted.append(item);
    }
    for (qsizetype i = series.size(); i < charted.size(); ++i) {
        m_chart->removeSeries(charted.at(i));
        charted.at(i)->deleteLater();
    }

    double top = m_threshold.value_or(0);
    for (int i = 0; i < series.size(); ++i) {
        QXYSeries *line = lineFor(i);
        const QList<QPointF> points =
            m_style == Style::StackedAreas ? layers.at(i) : drawable(series.at(i).points);
        for (const QPointF &point : points)
            top = std::max(top, point.y());
        line->replace(points);
        QAbstractSeries *owner = line;
        if (auto *area = qobject_cast<QAreaSeries *>(line->parent()))
            owner = area;
        owner->setName(series.at(i).name);
    }
    if (m_thresholdLine && m_threshold) {
        m_thresholdLine->replace({QPointF(double(from.toMSecsSinceEpoch()), *m_threshold),
                                  QPointF(double(to.toMSecsSinceEpoch()), *m_threshold)});
    }
    m_timeAxis->setFormat(from.secsTo(to) > 20 * 3600 ? QStringLiteral("dd HH:mm")
                          : from.secsTo(to) <= 900    ? QStringLiteral("HH:mm:ss")
                                                      : QStringLiteral("HH:mm"));
    m_timeAxis->setRange(from.toLocalTime(), to.toLocalTime());
    m_valueAxis->setRange(0, niceCeiling(top * 1.1));
    m_view->setToolTip(series.isEmpty() ? tr("No data in this time range") : QString());
}

void TimeSeriesPanel::setStale(bool stale, const QString &reason)
{
    if (stale == m_stale && reason == m_staleReason)
        return;
    m_stale = stale;
    m_staleReason = reason;
    m_view->setStyleSheet(stale ? QStringLiteral("background: #f6f1e4;") : QString());
    updateTitle();
}

void TimeSeriesPanel::setMarkers(const QList<ChartMarker> &markers)
{
    m_view->setMarkers(markers);
}

const QList<ChartMarker> &TimeSeriesPanel::markers() const
{
    return m_view->markers();
}

void TimeSeriesPanel::updateTitle()
{
    QString html = QStringLiteral("<b>%1</b>").arg(m_titleText.toHtmlEscaped());
    if (m_stale)
        html += QStringLiteral(" <span style='color:#b26a00'>&#9888; stale: %1</span>")
                    .arg(m_staleReason.left(120).toHtmlEscaped());
    m_title->setText(html);
}

QString TimeSeriesPanel::describe(int index, qreal x) const
{
    if (index < 0 || index >= m_series.size() || m_series.at(index).points.isEmpty())
        return {};
    const QList<QPointF> &points = m_series.at(index).points;
    auto it = std::lower_bound(points.cbegin(), points.cend(), x,
                               [](const QPointF &point, qreal value) { return point.x() < value; });
    if (it == points.cend() || (it != points.cbegin() && x - (it - 1)->x() < it->x() - x))
        --it;
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(it->x())).toLocalTime();
    return QStringLiteral("%1\n%2: %3")
        .arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), m_series.at(index).name,
             DisplayFormat::value(it->y(), m_unit));
}

void TimeSeriesPanel::showTooltip(int index, const QPointF &point, bool entered)
{
    if (!entered) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), describe(index, point.x()), m_view);
}

} // namespace nova
