#pragma once

#include <QRect>

extern "C" {
#include <libavutil/pixfmt.h>
}

struct AVFrame;
struct SwsContext;

namespace nova {

// Draws pictures of any size and pixel format into a broadcast frame (YUV 4:2:0): scaled to fit an
// area of it, keeping the aspect ratio, centred there on even coordinates. One per drawing thread:
// it keeps its swscale context between pictures of the same shape.
class FrameScaler
{
public:
    FrameScaler() = default;
    FrameScaler(const FrameScaler &) = delete;
    FrameScaler &operator=(const FrameScaler &) = delete;
    ~FrameScaler();

    // `area` empty: the whole frame. False when the picture or the area is too small to draw.
    bool drawFitted(const uint8_t *const data[], const int linesize[], int width, int height,
                    AVPixelFormat format, AVFrame *target, QRect area = {});

    static void fillBlack(AVFrame *frame);

private:
    SwsContext *m_scaler = nullptr;
};

} // namespace nova
