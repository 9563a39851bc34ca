#include "broadcaster/ui/level_meter.h"

#include <QPainter>

#include <algorithm>

namespace nova {

namespace {
// Where `dbfs` falls on a meter `width` wide.
int positionOf(double dbfs, int width)
{
    const double fraction =
        (std::max(dbfs, LevelMeter::kFloorDbfs) - LevelMeter::kFloorDbfs) / -LevelMeter::kFloorDbfs;
    return int(fraction * width + 0.5);
}
} // namespace

LevelMeter::LevelMeter(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumHeight(10);
}

void LevelMeter::setLevel(const AudioLevel &level)
{
    m_level = level;
    update();
}

void LevelMeter::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect area = rect();
    painter.fillRect(area, QColor(32, 32, 36));
    const int width = area.width();
    const int rms = positionOf(m_level.rmsDbfs, width);
    const int yellowAt = positionOf(-20.0, width);
    const int redAt = positionOf(-6.0, width);
    painter.fillRect(QRect(0, 0, std::min(rms, yellowAt), area.height()), QColor(64, 192, 96));
    if (rms > yellowAt)
        painter.fillRect(QRect(yellowAt, 0, std::min(rms, redAt) - yellowAt, area.height()),
                         QColor(224, 192, 48));
    if (rms > redAt)
        painter.fillRect(QRect(redAt, 0, rms - redAt, area.height()), QColor(224, 64, 48));
    if (const int peak = positionOf(m_level.peakDbfs, width); peak > 0)
        painter.fillRect(QRect(std::min(peak, width - 2), 0, 2, area.height()), Qt::white);
}

} // namespace nova
