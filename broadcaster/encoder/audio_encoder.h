#pragma once

#include "broadcaster/media/av_handles.h"
#include "broadcaster/media/video_format.h"

#include <functional>

namespace nova {

// AAC-LC through FFmpeg's native encoder, in frames of its own size (1024 samples).
class AudioEncoder
{
public:
    AudioEncoder(const AudioFormat &format, int bitrateKbps); // throws MediaError(Encoder)

    const AVCodecContext *context() const { return m_context.get(); }
    int frameSize() const { return m_context->frame_size; }

    // A planar-float frame of frameSize() samples to fill.
    AVFrame *frameForWriting();
    // Encodes it as starting at sample `firstSample`; hands finished packets to `sink`.
    void encode(qint64 firstSample, const std::function<void(AVPacket *)> &sink);
    void flush(const std::function<void(AVPacket *)> &sink);

private:
    void drain(const std::function<void(AVPacket *)> &sink);

    AvCodecContextPtr m_context;
    AvFramePtr m_frame;
    AvPacketPtr m_packet;
};

} // namespace nova
