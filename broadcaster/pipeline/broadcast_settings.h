#pragma once

#include "broadcaster/encoder/video_encoder.h"
#include "broadcaster/publisher/reconnect_schedule.h"
#include "broadcaster/publisher/rtmp_publisher.h"
#include "broadcaster/publisher/send_queue.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

namespace nova {

class AudioMixer;
class MediaSource;

// Everything a broadcast needs to run: where to, what, and for how long.
struct BroadcastSettings
{
    QString ingestUrl; // rtmp://host:port/app
    // Further ingest nodes of the same platform (the same key works on each): each reconnect, and
    // a first connection that cannot be made, tries the next of ingestUrl and these in turn.
    QStringList fallbackIngestUrls;
    QString streamKey;
    VideoEncoder::Settings video;
    AudioFormat audio;
    int audioBitrateKbps = 128;
    std::chrono::seconds duration{0}; // 0: until stopped
    RtmpPublisher::Timeouts timeouts;
    SendQueue::Limits queue;
    // After having been live, a broken connection is made again on this schedule instead of
    // ending the broadcast.
    bool reconnect = false;
    ReconnectSchedule::Policy reconnectPolicy;
    // Null: the synthetic source at the video format.
    std::shared_ptr<MediaSource> source;
    // The source's mixer, when it has one: its strips go into the stats.
    std::shared_ptr<AudioMixer> mixer;
    // Lower the video bitrate while the network cannot keep up, and raise it again after
    // (BitrateController); off, the bitrate stays and only the send queue drops pictures.
    bool dynamicBitrate = true;
    // Not empty: also write what is encoded to this .mkv or .mp4 file.
    QString recordPath;
    // Decode what is encoded and hand it out as previewFrame().
    bool preview = false;
};

} // namespace nova
