#pragma once

#include <QList>
#include <QPointF>
#include <QString>

namespace nova {

// One line of a chart: its legend and its points (x: ms since the epoch).
struct ChartSeries
{
    QString name;
    QList<QPointF> points;
};

} // namespace nova
