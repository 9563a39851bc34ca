#pragma once

#include "ladder/pipeline/media_item.h"
#include "ladder/pipeline/stage_lag.h"
#include "ladder/pipeline/work_queue.h"

#include <QString>

extern "C" {
#include <libavcodec/avcodec.h>
}

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace nova {

// Decodes the source's pictures once, on a thread of its own, for every rendition. Sound passes
// through in the source's order, so that each rendition gets both as they came.
class PictureDecoder
{
public:
    using Deliver = std::function<void(MediaItem)>; // called on the decoder's thread

    PictureDecoder(const AVCodecParameters *video, AVRational timeBase, Deliver deliver);
    ~PictureDecoder();
    PictureDecoder(const PictureDecoder &) = delete;
    PictureDecoder &operator=(const PictureDecoder &) = delete;

    bool start(QString *error);
    void push(MediaItem item);
    // With `drain`, what is queued is decoded and delivered first.
    void stop(bool drain);

    // How far the pictures it has decoded trail the newest packet it was given, in seconds.
    double secondsBehind() const { return m_lag.seconds(); }
    QString failure() const;

private:
    void run();
    bool decode(AVPacket *packet, std::optional<std::int64_t> capturedAtMs, QString *error);

    AVCodecContext *m_decoder = nullptr;
    const AVCodecParameters *m_video;
    AVRational m_timeBase;
    Deliver m_deliver;
    WorkQueue<MediaItem> m_queue;
    std::thread m_thread;
    StageLag m_lag;
    // Capture times by picture timestamp, until the picture comes out of the decoder.
    std::vector<std::pair<std::int64_t, std::int64_t>> m_captures;
    mutable std::mutex m_mutex;
    QString m_failure;
};

} // namespace nova
