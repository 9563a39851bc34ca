#pragma once

#include "broadcaster/media/frame_scaler.h"
#include "broadcaster/media/sample_jitter_buffer.h"
#include "broadcaster/media/video_format.h"
#include "broadcaster/source/media_source.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

struct AVFrame;

namespace nova {

// A media file played in a loop in real time, picture and sound, decoded with FFmpeg on a thread
// of its own (Qt 6.4's player gives no access to decoded sound). Each picture is handed over when
// the file's own timestamps say it is due, its sound through a jitter buffer of kSoundDelayMs, and
// the pictures are held back by as much, so the two stay in step. A file that cannot be played is
// a problem() the broadcast goes on through (black and silence).
class MediaFileSource : public MediaSource
{
public:
    static constexpr int kSoundDelayMs = 60;

    MediaFileSource(QString path, VideoFormat video, AudioFormat audio);
    MediaFileSource(const MediaFileSource &) = delete;
    MediaFileSource &operator=(const MediaFileSource &) = delete;
    ~MediaFileSource() override; // stops and waits for the thread

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;
    QString problem() const override;
    // Waits for the first picture (or the file's failure).
    void waitUntilReady(int limitMs) override;
    bool hasPicture() const;

private:
    class Playback;
    void run();
    void setProblem(const QString &problem); // the decoding thread gives up: why
    // Sleeps until `due`; false when stopped meanwhile.
    bool waitUntil(std::chrono::steady_clock::time_point due);
    // From the decoding thread: `picture` (referenced, not copied) is shown from `showAt` on.
    void queuePicture(const AVFrame *picture, std::chrono::steady_clock::time_point showAt);
    void promoteDue() const; // with m_mutex held: the newest picture that is due becomes shown

    QString m_path;
    VideoFormat m_video;
    AudioFormat m_audio;
    SampleJitterBuffer m_sound;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    struct Pending
    {
        std::chrono::steady_clock::time_point showAt;
        AVFrame *picture;
    };
    mutable std::deque<Pending> m_pending; // under m_mutex, in order
    mutable AVFrame *m_newest = nullptr;   // under m_mutex; null until the first picture
    // Under m_mutex: why the file cannot be played, set when the decoding thread gives up.
    QString m_problem;
    FrameScaler m_scaler;         // the pipeline thread's
    AVFrame *m_drawing = nullptr; // the pipeline thread's
    std::thread m_thread;
};

} // namespace nova
