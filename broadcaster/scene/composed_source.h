#pragma once

#include "broadcaster/media/frame_scaler.h"
#include "broadcaster/source/media_source.h"

#include <QRectF>

#include <memory>
#include <mutex>
#include <vector>

extern "C" {
#include <libavutil/frame.h>
}

namespace nova {

class AudioMixer;

// Where a picture-in-picture goes: a fraction of the picture's width, in one corner.
struct PictureInPicture
{
    enum class Corner
    {
        TopLeft,
        TopRight,
        BottomLeft,
        BottomRight
    };
    Corner corner = Corner::BottomRight;
    double widthFraction = 0.25; // of the picture's width; its height follows its aspect
    // The area in a picture of that size, on even coordinates, 2 % of the width from the edges.
    QRect areaIn(int width, int height) const;
};

// What is broadcast, put together once per picture before the encoder: the main picture, perhaps
// a second one (the camera) in a corner over it, and the sound of the mixer.
class ComposedSource : public MediaSource
{
public:
    ComposedSource(std::shared_ptr<MediaSource> picture, std::shared_ptr<AudioMixer> sound);

    // Null: none. The overlay draws at the broadcast's size; it is scaled into the corner.
    void setOverlay(std::shared_ptr<MediaSource> overlay, PictureInPicture placement);
    // While live, from any thread: the main picture comes from `picture` from the next frame on
    // (the test pattern in place of a screen that went away). The one it replaces is kept until
    // this source goes, so that it is never destroyed on the pipeline's thread.
    void replacePicture(std::shared_ptr<MediaSource> picture);

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;
    QString problem() const override;
    void waitUntilReady(int limitMs) override;

    const std::shared_ptr<AudioMixer> &mixer() const { return m_sound; }

private:
    std::shared_ptr<MediaSource> picture() const;

    struct FrameFree
    {
        void operator()(AVFrame *frame) const { av_frame_free(&frame); }
    };
    mutable std::mutex m_pictureMutex;
    std::shared_ptr<MediaSource> m_picture;              // under m_pictureMutex
    std::vector<std::shared_ptr<MediaSource>> m_retired; // under m_pictureMutex
    std::shared_ptr<AudioMixer> m_sound;
    std::shared_ptr<MediaSource> m_overlay;
    PictureInPicture m_placement;
    std::unique_ptr<AVFrame, FrameFree> m_overlayFrame;
    FrameScaler m_overlayScaler;
};

} // namespace nova
