#pragma once

#include "shared/ffmpeg/av_handles.h"

#include <QImage>

struct SwsContext;

namespace nova {

// Decodes what the H.264 encoder produced, so that the preview shows exactly what goes out (its
// blocking and blur included), as RGB pictures no wider than `maxWidth`.
class PreviewDecoder
{
public:
    explicit PreviewDecoder(int maxWidth = 640);
    ~PreviewDecoder();

    // Feeds one encoded packet; returns the picture it completed, or a null image.
    QImage decode(const AVPacket *packet, const AVCodecContext *encoder);

private:
    int m_maxWidth;
    AvCodecContextPtr m_decoder;
    AvFramePtr m_frame;
    SwsContext *m_scaler = nullptr;
};

} // namespace nova
