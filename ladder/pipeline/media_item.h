#pragma once

#include "shared/ffmpeg/av_handles.h"

#include <cstdint>
#include <optional>

namespace nova {

// What moves between the ladder's threads, in the source's order: a picture (a packet to decode,
// or a decoded frame) with the capture time its SEI gave, or a packet of sound to copy.
struct MediaItem
{
    AvPacketPtr packet; // to decode (video) or to copy (audio)
    AvFramePtr frame;   // a decoded picture
    bool audio = false;
    std::optional<std::int64_t> capturedAtMs;
};

} // namespace nova
