#pragma once

#include "broadcaster/media/media_error.h"
#include "broadcaster/pipeline/broadcast_settings.h"
#include "broadcaster/pipeline/broadcast_stats.h"
#include "broadcaster/publisher/send_queue.h"

#include <QImage>
#include <QObject>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace nova {

class AudioEncoder;
class RtmpPublisher;
class VideoEncoder;

// source -> encoders -> send queue -> publisher, in real time, on threads of its own: one encodes,
// one sends, so the picture keeps its pace while the network stalls, and the caller's thread (the
// GUI's, in the desktop app) never waits on either. Reports by signal.
class BroadcastPipeline : public QObject
{
    Q_OBJECT

public:
    explicit BroadcastPipeline(BroadcastSettings settings, QObject *parent = nullptr);
    ~BroadcastPipeline() override; // stops and waits for the threads

    void start();
    // Asks the pipeline to end (a scheduled reconnect too); finished() follows once it has.
    void stop();
    // Changes the video bitrate from the next picture on, live.
    void setVideoBitrate(int kbps) { m_requestedBitrate = kbps; }
    // The ingest URL of the current (or next) connection: ingestUrl or one of the fallbacks.
    QString ingestUrl() const;
    // While live: also write what is encoded to `path` (.mkv or .mp4) from the next picture on,
    // a keyframe asked for at once; recordingStarted() or recordingFailed() follows. One file at
    // a time: a second start is refused the same way.
    void startRecording(const QString &path);
    // recordingFinished() follows once the file is complete; nothing when there is no recording.
    void stopRecording();

signals:
    void live(); // the server accepted the stream (again, after a reconnect)
    // The connection broke (`reason`); attempt `attempt` follows in `delayMs`.
    void reconnecting(int attempt, qint64 delayMs, const QString &reason,
                      nova::MediaError::Kind kind);
    void statsUpdated(const nova::BroadcastStats &stats); // once a second
    void previewFrame(const QImage &picture);             // when settings.preview
    void recordingStarted(const QString &path);
    void recordingFailed(const QString &path, const QString &why); // nothing was recorded
    // The recording is complete on disk: `frames` pictures were encoded while it ran.
    void recordingFinished(const QString &path, qint64 frames);
    // `clean`: ended by stop() or the duration; otherwise `error` says why.
    void finished(bool clean, const QString &error, nova::MediaError::Kind kind);

private:
    void run();
    void encodeLoop(MediaSource &source, VideoEncoder &video, AudioEncoder &audio);
    void sendLoop(const VideoEncoder &video, const AudioEncoder &audio);
    void sendUntilDone(RtmpPublisher &publisher);
    bool waitUntil(std::chrono::steady_clock::time_point due);
    void noteCaptureToSend(qint64 micros); // the sending thread's, read with the stats
    bool ending() const { return m_stopRequested || m_inputEnded || m_failed; }
    void fail(const MediaError &error);

    BroadcastSettings m_settings;
    SendQueue m_queue;
    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_inputEnded{false}; // the duration is over: send what is left and end
    std::atomic<bool> m_failed{false};
    std::atomic<bool> m_keyframeNeeded{false};
    std::atomic<int> m_requestedBitrate{0};
    std::atomic<BroadcastState> m_state{BroadcastState::Connecting};
    std::atomic<qint64> m_bytesSent{0};
    std::atomic<int> m_reconnects{0};
    std::atomic<qint64> m_captureToSendMaxUs{-1}; // the longest since the last stats; -1: none
    std::atomic<qint64> m_liveSinceNs{-1};        // steady clock, when first live
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<MediaError> m_error; // the first failure, under m_mutex
    QString m_ingestUrl;               // under m_mutex
    // A recording to start (a path) or to stop (empty), for the encoding thread; under m_mutex.
    std::optional<QString> m_recordingRequest;
    std::atomic<bool> m_recordingRequested{false};
    std::thread m_thread;
};

} // namespace nova
