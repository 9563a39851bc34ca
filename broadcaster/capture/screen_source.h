#pragma once

#include "broadcaster/capture/device_input.h"
#include "broadcaster/media/frame_scaler.h"
#include "broadcaster/media/video_format.h"
#include "broadcaster/source/media_source.h"

#include <QRect>

#include <memory>
#include <mutex>

struct AVPacket;

namespace nova {

// The X11 screen, or a region of it, as the broadcast's picture: libavdevice's x11grab (shared
// memory, cursor drawn) at the broadcast's rate. Each frame slot takes the newest grab, scaled to
// fit. Wayland has no such capture: there it says so instead of showing a black picture silently.
// Silent: its sound comes from the audio sources.
class ScreenSource : public MediaSource
{
public:
    // `display`: an X display name (":0"); `region` empty for the whole screen.
    ScreenSource(QString display, QRect region, VideoFormat format);
    ~ScreenSource() override;

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;
    QString problem() const override;
    void waitUntilReady(int limitMs) override;

    // Why the screen cannot be captured in this session at all (no X display); empty if it can.
    static QString unavailableReason(const QString &display);

private:
    struct Grab; // the newest picture, as x11grab delivered it
    QString m_unavailable;
    mutable std::mutex m_mutex;
    std::shared_ptr<const Grab> m_newest; // under m_mutex
    FrameScaler m_scaler;                 // the pipeline thread's
    std::unique_ptr<DeviceInput> m_input;
};

} // namespace nova
