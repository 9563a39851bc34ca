#pragma once

#include "broadcaster/encoder/video_encoder.h"

#include <QGroupBox>

class QComboBox;
class QSpinBox;

namespace nova {

// The window's "Video" box: resolution, frame rate, bitrate and x264 preset, kept in the
// settings. While live only the bitrate can change (x264 takes a new one between pictures):
// bitrateChanged() says so.
class VideoSettingsForm : public QGroupBox
{
    Q_OBJECT

public:
    explicit VideoSettingsForm(QWidget *parent = nullptr);

    VideoEncoder::Settings settings() const;
    void setLive(bool live);

    void restoreSettings();
    void saveSettings() const;

signals:
    void bitrateChanged(int kbps);

private:
    QComboBox *m_size;
    QComboBox *m_fps;
    QSpinBox *m_bitrate;
    QComboBox *m_preset;
};

} // namespace nova
