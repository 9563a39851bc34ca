#include "broadcaster/media/frame_scaler.h"

#include <QSize>

extern "C" {
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <cstring>

namespace nova {

FrameScaler::~FrameScaler()
{
    sws_freeContext(m_scaler);
}

void FrameScaler::fillBlack(AVFrame *frame)
{
    for (int row = 0; row < frame->height; ++row)
        std::memset(frame->data[0] + row * frame->linesize[0], 16, size_t(frame->width));
    for (int plane = 1; plane <= 2; ++plane)
        for (int row = 0; row < frame->height / 2; ++row)
            std::memset(frame->data[plane] + row * frame->linesize[plane], 128,
                        size_t(frame->width / 2));
}

bool FrameScaler::drawFitted(const uint8_t *const data[], const int linesize[], int width,
                             int height, AVPixelFormat format, AVFrame *target, QRect area)
{
    const QRect frameRect(0, 0, target->width, target->height);
    area = area.isEmpty() ? frameRect : area.intersected(frameRect);
    if (width < 2 || height < 2 || area.width() < 2 || area.height() < 2)
        return false;
    // Even sizes and coordinates: 4:2:0 chroma covers two by two luma samples.
    const QSize fitted = QSize(width, height).scaled(area.size(), Qt::KeepAspectRatio) / 2 * 2;
    if (fitted.width() < 2 || fitted.height() < 2)
        return false;
    const int left = (area.left() + (area.width() - fitted.width()) / 2) & ~1;
    const int top = (area.top() + (area.height() - fitted.height()) / 2) & ~1;
    m_scaler =
        sws_getCachedContext(m_scaler, width, height, format, fitted.width(), fitted.height(),
                             AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!m_scaler)
        return false;
    uint8_t *planes[] = {target->data[0] + top * target->linesize[0] + left,
                         target->data[1] + top / 2 * target->linesize[1] + left / 2,
                         target->data[2] + top / 2 * target->linesize[2] + left / 2};
    sws_scale(m_scaler, data, linesize, 0, height, planes, target->linesize);
    return true;
}

} // namespace nova
