#pragma once

#include "console/preview/retry_backoff.h"

#include <QTimer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QMediaPlayer;

namespace nova {

class VideoFrameView;

// A muted, live preview of a stream's HLS output (what viewers get), played by Qt Multimedia.
// Plays only once the stream is playable (asking earlier finds no playlist), tries again with a
// growing pause after any failure or a picture that stops changing, and always says why it is
// black.
class HlsPreview : public QWidget
{
    Q_OBJECT

public:
    enum class Availability
    {
        NotLive,
        WaitingForSegments, // live, but its first HLS segments are not there yet
        Reconnecting,       // its publisher is gone for now
        Playable,
    };
    // No new picture for this long while playing counts as a failure.
    static constexpr std::chrono::seconds kFrozenAfter{15};

    explicit HlsPreview(QWidget *parent = nullptr);

    // What the selected stream offers now; the same again changes nothing.
    void follow(const QUrl &playlist, Availability availability);
    // Nothing to preview; `why` is shown in its place ("No stream selected" when empty).
    void stop(const QString &why = {});

    QString status() const;
    bool hasPicture() const;
    const QImage &picture() const;
    int retries() const { return m_backoff.failures(); }

signals:
    void statusChanged(const QString &status);

private:
    void start();
    void retryLater(const QString &why);
    void setPlayerSource(const QUrl &source);
    void onPlayerChanged();
    void setStatus(const QString &status);
    QString playerStatus() const;

    QMediaPlayer *m_player = nullptr;
    VideoFrameView *m_video = nullptr;
    QLabel *m_status = nullptr;
    QUrl m_playlist;
    Availability m_availability = Availability::NotLive;
    bool m_resettingPlayer = false;
    RetryBackoff m_backoff{std::chrono::seconds(1), std::chrono::seconds(10)};
    QTimer m_retry;
    QTimer m_frozen;
};

} // namespace nova
