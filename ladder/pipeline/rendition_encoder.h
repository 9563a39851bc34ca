#pragma once

#include "ladder/pipeline/media_item.h"
#include "ladder/pipeline/segment_writer.h"
#include "ladder/pipeline/stage_lag.h"
#include "ladder/pipeline/work_queue.h"
#include "ladder/plan/ladder_plan.h"

#include <QString>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
}

#include <atomic>
#include <mutex>
#include <thread>

namespace nova {

// One rendition of the ladder on a thread of its own: the decoded source pictures scaled to its
// size and encoded with x264 at its bitrate, key frames exactly where the source has them (so that
// its segments start where the source's do), the source's sound copied beside them.
class RenditionEncoder
{
public:
    struct Source
    {
        AVRational timeBase{1, 1000}; // of the pictures' timestamps
        AVRational frameRate{30, 1};
        const AVCodecParameters *audio = nullptr;
        AVRational audioTimeBase{1, 1000};
        QString audioCodec;                // RFC 6381, of the sound it copies
        const SegmentCuts *cuts = nullptr; // where the source's segments begin
    };

    RenditionEncoder(Variant variant, QString directory, double segmentSeconds, int window,
                     const Source &source);
    ~RenditionEncoder();
    RenditionEncoder(const RenditionEncoder &) = delete;
    RenditionEncoder &operator=(const RenditionEncoder &) = delete;

    bool start(QString *error);
    // A decoded picture (key: the source's picture is a key frame) or a packet of sound.
    void push(MediaItem item);
    // Ends the rendition: with `drain`, what is queued is encoded first; without, it is dropped
    // (the rendition is behind and must give its core back now).
    void stop(bool drain);

    const Variant &variant() const { return m_variant; }
    // How far the pictures it has encoded trail the newest it was given, in seconds.
    double secondsBehind() const { return m_lag.seconds(); }
    // RFC 6381 codecs of what it sends, once its first key frame is out ("" before).
    QString codecs() const;
    SegmentWriter::Stats stats() const { return m_writer.stats(); }
    // Why it stopped by itself, if it did.
    QString failure() const;

private:
    void run();
    bool encode(MediaItem &item, QString *error);
    // Sends `frame` (null: the end) to x264 and writes what comes out.
    bool encodeAndWrite(AVFrame *frame, std::optional<std::int64_t> capturedAtMs, QString *error);

    Variant m_variant;
    Source m_source;
    QString m_directory;
    SegmentWriter m_writer;
    AVCodecContext *m_encoder = nullptr;
    SwsContext *m_scaler = nullptr;
    AVFrame *m_scaled = nullptr;
    AVPacket *m_packet = nullptr;

    WorkQueue<MediaItem> m_queue;
    std::thread m_thread;
    StageLag m_lag;
    std::optional<std::int64_t> m_pendingCapture; // of the key frame being encoded
    mutable std::mutex m_mutex;
    QString m_videoCodecs;
    QString m_failure;
};

} // namespace nova
