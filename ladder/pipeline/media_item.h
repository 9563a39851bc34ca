#pragma once

extern "C" {
#include <libavcodec/packet.h>
#include <libavutil/frame.h>
}

#include <cstdint>
#include <memory>
#include <optional>

namespace nova {

struct FrameDeleter
{
    void operator()(AVFrame *frame) const { av_frame_free(&frame); }
};
struct PacketDeleter
{
    void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;

// What moves between the ladder's threads, in the source's order: a picture (a packet to decode,
// or a decoded frame) with the capture time its SEI gave, or a packet of sound to copy.
struct MediaItem
{
    PacketPtr packet; // to decode (video) or to copy (audio)
    FramePtr frame;   // a decoded picture
    bool audio = false;
    std::optional<std::int64_t> capturedAtMs;
};

} // namespace nova
