#pragma once

#include "broadcaster/encoder/video_encoder.h"
#include "broadcaster/publisher/rtmp_publisher.h"

#include <QString>

#include <chrono>

namespace nova {

// Everything a broadcast needs to run: where to, what, and for how long.
struct BroadcastSettings
{
    QString ingestUrl; // rtmp://host:port/app
    QString streamKey;
    VideoEncoder::Settings video;
    AudioFormat audio;
    int audioBitrateKbps = 128;
    std::chrono::seconds duration{0}; // 0: until stopped
    RtmpPublisher::Timeouts timeouts;
};

} // namespace nova
