#include "broadcaster/source/latest_picture.h"

#include <QImage>
#include <QVideoSink>

extern "C" {
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <cstring>

namespace nova {

namespace {
void fillBlack(AVFrame *frame)
{
    for (int row = 0; row < frame->height; ++row)
        std::memset(frame->data[0] + row * frame->linesize[0], 16, size_t(frame->width));
    for (int plane = 1; plane <= 2; ++plane)
        for (int row = 0; row < frame->height / 2; ++row)
            std::memset(frame->data[plane] + row * frame->linesize[plane], 128,
                        size_t(frame->width / 2));
}
} // namespace

LatestPicture::LatestPicture(QVideoSink *sink, VideoFormat format, QObject *parent)
    : QObject(parent)
    , m_format(format)
{
    connect(sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
        std::lock_guard lock(m_mutex);
        m_newest = frame;
    });
}

LatestPicture::~LatestPicture()
{
    sws_freeContext(m_scaler);
}

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
    fillBlack(frame);
    // A copy in a known layout: Qt converts whatever the decoder or camera produced.
    const QImage image =
        newest.isValid() ? newest.toImage().convertToFormat(QImage::Format_RGBA8888) : QImage();
    if (image.isNull() || image.width() < 2 || image.height() < 2)
        return;

    // Fit inside the frame, keeping the aspect ratio, on even coordinates (4:2:0 chroma).
    const QSize fitted =
        image.size().scaled(frame->width, frame->height, Qt::KeepAspectRatio) / 2 * 2;
    if (fitted.width() < 2 || fitted.height() < 2)
        return;
    const int left = ((frame->width - fitted.width()) / 2) & ~1;
    const int top = ((frame->height - fitted.height()) / 2) & ~1;
    m_scaler = sws_getCachedContext(m_scaler, image.width(), image.height(), AV_PIX_FMT_RGBA,
                                    fitted.width(), fitted.height(), AV_PIX_FMT_YUV420P,
                                    SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!m_scaler)
        return;
    const uint8_t *source[] = {image.constBits()};
    const int sourceStride[] = {int(image.bytesPerLine())};
    uint8_t *target[] = {frame->data[0] + top * frame->linesize[0] + left,
                         frame->data[1] + top / 2 * frame->linesize[1] + left / 2,
                         frame->data[2] + top / 2 * frame->linesize[2] + left / 2};
    sws_scale(m_scaler, source, sourceStride, 0, image.height(), target, frame->linesize);
}

} // namespace nova
