#pragma once

#include "shared/ffmpeg/av_handles.h"

#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace nova {

// The encoded packets on their way from the encoders to the network, bounded in time. When the
// network cannot keep up (more than `congested` waits to be sent), video that is not a keyframe is
// dropped (what is queued and what comes next, up to the next keyframe, so that what is sent still
// decodes); audio and keyframes are never dropped. While there is no connection nothing is kept,
// and after one the stream resumes at a keyframe. Safe between one pushing and one popping thread.
class SendQueue
{
public:
    enum class Kind
    {
        Video,
        Audio
    };
    struct Entry
    {
        AvPacketPtr packet; // timestamps in milliseconds
        Kind kind = Kind::Video;
    };
    struct Limits
    {
        std::chrono::milliseconds congested{1'500};
        std::chrono::milliseconds overflow{8'000}; // even audio and keyframes no longer fit
    };

    explicit SendQueue(Limits limits);

    // Takes a copy of `packet` (timestamps in `timeBase`), unless the policy drops it.
    void push(const AVPacket *packet, AVRational timeBase, Kind kind);
    // The next packet, or nullopt once `until` passes, or at once when closed and empty.
    std::optional<Entry> pop(std::chrono::steady_clock::time_point until);

    // A connection is up: accept packets again, from the next video keyframe on.
    void connected();
    // The connection is gone: forget what is queued and keep nothing until connected() again.
    void disconnected();
    // No more packets come: pop() hands out what is queued, then no longer waits.
    void close();

    qint64 droppedVideoFrames() const;
    qint64 queuedMs() const;
    // More than `overflow` is queued: the connection is as good as gone.
    bool overflowed() const;
    bool awaitingKeyframe() const;

private:
    qint64 spanMs() const;  // with the lock held
    void dropQueuedVideo(); // with the lock held

    Limits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<Entry> m_entries;
    qint64 m_newestMs = 0;
    qint64 m_droppedVideo = 0;
    bool m_online = false;
    bool m_skipToKeyframe = true;
    bool m_congested = false; // the skip is the network's fault, not a new connection's
    bool m_closed = false;
};

} // namespace nova
