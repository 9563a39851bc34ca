#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

extern "C" {
#include <libavutil/rational.h>
}

struct AVCodecContext;
struct AVFormatContext;
struct AVPacket;

namespace nova {

// Writes the very packets the broadcast encodes into a local file, with no second encode:
// Matroska (.mkv: readable up to the last cluster if the app dies) or MP4 (.mp4, fragmented at
// each keyframe for the same reason). The encoders' timestamps run on across reconnects, so one
// broadcast is one file however often the network broke. The disk is written on a thread of its
// own: a slow disk never holds up the picture. A write that fails ends the recording, not the
// broadcast; problem() says why. The file starts at the first keyframe it is given, at time zero,
// so a recording can begin while live.
class StreamRecorder
{
public:
    // Throws MediaError when the file cannot be made.
    StreamRecorder(const QString &path, const AVCodecContext *video, const AVCodecContext *audio);
    StreamRecorder(const StreamRecorder &) = delete;
    StreamRecorder &operator=(const StreamRecorder &) = delete;
    ~StreamRecorder(); // writes what is queued and finishes the file

    // Queues a reference to `packet` (in `timeBase`); the caller keeps its own.
    void writeVideo(const AVPacket *packet, AVRational timeBase) { queue(packet, timeBase, 0); }
    void writeAudio(const AVPacket *packet, AVRational timeBase) { queue(packet, timeBase, 1); }

    const QString &path() const { return m_path; }
    qint64 bytesWritten() const { return m_bytesWritten; }
    qint64 videoPackets() const { return m_videoPackets; }
    QString problem() const;

    // "mkv" and "mp4": the muxer for a file name, or empty for one it cannot record to.
    static QString formatFor(const QString &path);

private:
    struct Pending
    {
        AVPacket *packet;
        AVRational timeBase;
        int stream;
    };
    void queue(const AVPacket *packet, AVRational timeBase, int stream);
    void run();
    void fail(const QString &why);

    QString m_path;
    AVFormatContext *m_format = nullptr;
    std::atomic<qint64> m_bytesWritten{0};
    std::atomic<qint64> m_videoPackets{0};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_pending;     // under m_mutex
    bool m_closing = false;            // under m_mutex
    bool m_failed = false;             // under m_mutex
    std::optional<int64_t> m_originUs; // the first keyframe's time; under m_mutex
    QString m_problem;                 // under m_mutex
    std::thread m_thread;
};

} // namespace nova
