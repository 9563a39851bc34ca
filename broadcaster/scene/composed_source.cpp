#include "broadcaster/scene/composed_source.h"

#include "broadcaster/mixer/audio_mixer.h"

#include <QStringList>

#include <algorithm>

namespace nova {

QRect PictureInPicture::areaIn(int width, int height) const
{
    const double fraction = std::clamp(widthFraction, 0.1, 0.5);
    const int w = int(width * fraction) & ~1;
    const int h = (w * height / std::max(width, 1)) & ~1;
    const int margin = (width / 50) & ~1;
    const bool left = corner == Corner::TopLeft || corner == Corner::BottomLeft;
    const bool top = corner == Corner::TopLeft || corner == Corner::TopRight;
    return QRect(left ? margin : width - margin - w, top ? margin : height - margin - h, w, h);
}

ComposedSource::ComposedSource(std::shared_ptr<MediaSource> picture,
                               std::shared_ptr<AudioMixer> sound)
    : m_picture(std::move(picture))
    , m_sound(std::move(sound))
{}

void ComposedSource::setOverlay(std::shared_ptr<MediaSource> overlay, PictureInPicture placement)
{
    m_overlay = std::move(overlay);
    m_placement = placement;
}

void ComposedSource::replacePicture(std::shared_ptr<MediaSource> picture)
{
    std::lock_guard lock(m_pictureMutex);
    m_retired.push_back(std::move(m_picture));
    m_picture = std::move(picture);
}

std::shared_ptr<MediaSource> ComposedSource::picture() const
{
    std::lock_guard lock(m_pictureMutex);
    return m_picture;
}

void ComposedSource::renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime)
{
    picture()->renderVideo(frame, index, captureTime);
    if (!m_overlay)
        return;
    if (!m_overlayFrame || m_overlayFrame->width != frame->width ||
        m_overlayFrame->height != frame->height) {
        m_overlayFrame.reset(av_frame_alloc());
        m_overlayFrame->format = frame->format;
        m_overlayFrame->width = frame->width;
        m_overlayFrame->height = frame->height;
        if (av_frame_get_buffer(m_overlayFrame.get(), 0) < 0) {
            m_overlayFrame.reset();
            return;
        }
    }
    m_overlay->renderVideo(m_overlayFrame.get(), index, captureTime);
    m_overlayScaler.drawFitted(m_overlayFrame->data, m_overlayFrame->linesize, frame->width,
                               frame->height, AVPixelFormat(frame->format), frame,
                               m_placement.areaIn(frame->width, frame->height));
}

void ComposedSource::renderAudio(AVFrame *frame, qint64 firstSample)
{
    m_sound->mix(frame, firstSample);
}

void ComposedSource::waitUntilReady(int limitMs)
{
    // The devices open in parallel on their own threads: the waits overlap.
    picture()->waitUntilReady(limitMs);
    if (m_overlay)
        m_overlay->waitUntilReady(limitMs);
    m_sound->waitUntilReady(limitMs);
}

QString ComposedSource::problem() const
{
    QStringList problems;
    std::vector<const MediaSource *> pictures; // a file's sound: its picture tells its trouble
    std::shared_ptr<MediaSource> main;
    {
        std::lock_guard lock(m_pictureMutex);
        main = m_picture;
        pictures.push_back(m_picture.get());
        for (const auto &retired : m_retired) // replaced because of that trouble
            pictures.push_back(retired.get());
    }
    for (const MediaSource *source : {main.get(), m_overlay.get()}) {
        if (source) {
            if (const QString problem = source->problem(); !problem.isEmpty())
                problems.append(problem);
        }
    }
    if (const QString problem = m_sound->problem(pictures); !problem.isEmpty())
        problems.append(problem);
    return problems.join(u'\n');
}

} // namespace nova
