#pragma once

#include "broadcaster/mixer/audio_level.h"

#include <QWidget>

namespace nova {

// One sound's meter, as a mixer strip shows it: the RMS as a bar (green, yellow above -20 dBFS,
// red above -6) and the peak as a line, from -60 dBFS to full scale.
class LevelMeter : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(double peakDbfs READ peakDbfs)
    Q_PROPERTY(double rmsDbfs READ rmsDbfs)

public:
    static constexpr double kFloorDbfs = -60.0;

    explicit LevelMeter(QWidget *parent = nullptr);

    void setLevel(const AudioLevel &level);
    double peakDbfs() const { return m_level.peakDbfs; }
    double rmsDbfs() const { return m_level.rmsDbfs; }
    QSize sizeHint() const override { return {160, 12}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    AudioLevel m_level;
};

} // namespace nova
