#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
}

#include <memory>

namespace nova {

// Owning handles for FFmpeg objects, so that every exit path frees them.
struct AvFrameDeleter
{
    void operator()(AVFrame *frame) const { av_frame_free(&frame); }
};
struct AvPacketDeleter
{
    void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};
struct AvCodecContextDeleter
{
    void operator()(AVCodecContext *context) const { avcodec_free_context(&context); }
};

using AvFramePtr = std::unique_ptr<AVFrame, AvFrameDeleter>;
using AvPacketPtr = std::unique_ptr<AVPacket, AvPacketDeleter>;
using AvCodecContextPtr = std::unique_ptr<AVCodecContext, AvCodecContextDeleter>;

} // namespace nova
