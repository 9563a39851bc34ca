#pragma once

#include "broadcaster/encoder/encoder_output.h"
#include "broadcaster/media/video_format.h"
#include "shared/ffmpeg/av_handles.h"

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
    void encode(qint64 firstSample, const PacketSink &sink);
    void flush(const PacketSink &sink);

private:
    AvCodecContextPtr m_context;
    AvFramePtr m_frame;
    AvPacketPtr m_packet;
};

} // namespace nova
