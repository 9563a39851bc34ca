#pragma once

#include "broadcaster/media/media_error.h"
#include "broadcaster/pipeline/broadcast_settings.h"
#include "broadcaster/pipeline/broadcast_stats.h"

#include <QDeadlineTimer>
#include <QImage>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <memory>

namespace nova {

class AudioMixer;
class BroadcastPipeline;
class ComposedSource;
class StreamEventFeed;

// One broadcast from Go Live to its end, without a widget: the pipeline on its threads, the
// server's events of the stream (its viewers, an operator ending it), the countdown of a
// reconnect, and who ended it. The window shows what it says and asks it for changes.
class BroadcastSession : public QObject
{
    Q_OBJECT

public:
    enum class Ending
    {
        ByStreamer, // stop()
        ByOperator, // the server ended the stream
        ByItself    // the duration is over, or it failed
    };
    Q_ENUM(Ending)

    // `scene` is settings.source, kept to change while live.
    BroadcastSession(BroadcastSettings settings, std::shared_ptr<ComposedSource> scene,
                     QObject *parent = nullptr);
    ~BroadcastSession() override;

    // The stream is the server's `stream`: its viewers and its end are heard with `token`.
    void followServerStream(const QUrl &apiUrl, const QString &token, const QUuid &stream);
    // Null unless followServerStream() was called.
    QUuid serverStream() const { return m_serverStream; }

    void start();
    // The streamer's stop: finished(Ending::ByStreamer, …) follows once the pipeline has ended.
    void stop();
    bool isReconnecting() const { return m_reconnecting; }

    void setVideoBitrate(int kbps);
    void startRecording(const QString &path);
    void stopRecording();
    // The test pattern in place of a picture that gives nothing; the broadcast goes on.
    void sendTestPattern();
    const std::shared_ptr<AudioMixer> &mixer() const;

signals:
    void live(); // again after a reconnect
    void reconnecting(int attempt, nova::MediaError::Kind kind);
    // While a reconnect waits, five times a second: whole seconds left (0: trying now).
    void reconnectCountdown(qint64 seconds);
    void statsUpdated(const nova::BroadcastStats &stats);
    void previewFrame(const QImage &picture);
    void viewerCountChanged(int viewers);
    void recordingStarted(const QString &path);
    void recordingFailed(const QString &path, const QString &why);
    void recordingFinished(const QString &path, qint64 frames);
    // `clean`: no failure; otherwise `kind` says what failed.
    void finished(nova::BroadcastSession::Ending ending, bool clean, nova::MediaError::Kind kind);

private:
    void tick();
    void onFinished(bool clean, MediaError::Kind kind);

    std::shared_ptr<ComposedSource> m_scene;
    VideoFormat m_format;
    AudioFormat m_audio;
    std::unique_ptr<BroadcastPipeline> m_pipeline;
    StreamEventFeed *m_events = nullptr;
    QUuid m_serverStream;
    QTimer m_countdown;
    QDeadlineTimer m_reconnectAt;
    bool m_reconnecting = false;
    bool m_stopRequested = false;
    bool m_endedByOperator = false;
};

} // namespace nova
