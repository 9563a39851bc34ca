#include "broadcaster/source/latest_picture.h"

#include <QImage>
#include <QVideoSink>

extern "C" {
#include <libavutil/frame.h>
}

namespace nova {

LatestPicture::LatestPicture(QVideoSink *sink, VideoFormat format, QObject *parent)
    : QObject(parent)
    , m_format(format)
{
    connect(sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
        std::lock_guard lock(m_mutex);
        m_newest = frame;
    });
}

LatestPicture::~LatestPicture() = default;

bool LatestPicture::hasPicture() const
{
    std::lock_guard lock(m_mutex);
    return m_newest.isValid();
}

void LatestPicture::drawInto(AVFrame *frame)
{
    QVideoFrame newest;
    {
        std::lock_guard lock(m_mutex);
        newest = m_newest;
    }
    FrameScaler::fillBlack(frame);
    // A copy in a known layout: Qt converts whatever the decoder or camera produced.
    const QImage image =
        newest.isValid() ? newest.toImage().convertToFormat(QImage::Format_RGBA8888) : QImage();
    if (image.isNull() || image.width() < 2 || image.height() < 2)
        return;

    const uint8_t *source[] = {image.constBits()};
    const int sourceStride[] = {int(image.bytesPerLine())};
    m_scaler.drawFitted(source, sourceStride, image.width(), image.height(), AV_PIX_FMT_RGBA,
                        frame);
}

} // namespace nova
