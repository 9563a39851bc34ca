#include "console/panels/stat_panel.h"

#include "console/panels/series_palette.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace nova {

StatPanel::StatPanel(const QString &title, DisplayFormat::Unit unit, QWidget *parent)
    : QFrame(parent)
    , m_titleText(title)
    , m_unit(unit)
{
    setObjectName(title);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(0);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    m_value = new QLabel(QStringLiteral("–"), this);
    QFont big = m_value->font();
    big.setPointSize(30);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_value);

    m_chart = new QChart;
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundRoundness(0);
    m_line = new QLineSeries(m_chart);
    QPen pen(SeriesPalette::color(0));
    pen.setWidthF(2);
    m_line->setPen(pen);
    m_chart->addSeries(m_line);
    m_timeAxis = new QDateTimeAxis(m_chart);
    m_valueAxis = new QValueAxis(m_chart);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setVisible(false);
        m_chart->addAxis(axis, axis == m_timeAxis ? Qt::AlignBottom : Qt::AlignLeft);
        m_line->attachAxis(axis);
    }
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(60);
    view->setMaximumHeight(80);
    layout->addWidget(view);
    updateTitle();
}

void StatPanel::setHistory(const QList<QPointF> &points, const QDateTime &from, const QDateTime &to)
{
    QList<QPointF> finite;
    finite.reserve(points.size());
    double top = 1;
    for (const QPointF &point : points) {
        if (std::isfinite(point.y())) {
            finite.append(point);
            top = std::max(top, point.y());
        }
    }
    m_line->replace(finite);
    m_timeAxis->setRange(from, to);
    m_valueAxis->setRange(0, top * 1.15);
    m_current.reset();
    if (!points.isEmpty())
        m_current = points.constLast().y();
    m_value->setText(valueText());
}

QString StatPanel::valueText() const
{
    return m_current ? DisplayFormat::value(*m_current, m_unit) : QStringLiteral("–");
}

void StatPanel::setStale(bool stale, const QString &reason)
{
    if (stale == m_stale && reason == m_staleReason)
        return;
    m_stale = stale;
    m_staleReason = reason;
    m_value->setStyleSheet(stale ? QStringLiteral("color: #9e9e9e;") : QString());
    updateTitle();
}

void StatPanel::updateTitle()
{
    QString html = QStringLiteral("<b>%1</b>").arg(m_titleText.toHtmlEscaped());
    if (m_stale)
        html += QStringLiteral(" <span style='color:#b26a00' title='%1'>&#9888; stale</span>")
                    .arg(m_staleReason.toHtmlEscaped());
    m_title->setText(html);
}

} // namespace nova
