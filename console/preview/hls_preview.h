#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QMediaPlayer;

namespace nova {

class VideoFrameView;

// A muted, live preview of a stream's HLS output (what viewers get), played by Qt Multimedia.
class HlsPreview : public QWidget
{
    Q_OBJECT

public:
    explicit HlsPreview(QWidget *parent = nullptr);

    void play(const QUrl &playlist);
    // `why` is shown in its place ("No stream selected" when empty).
    void stop(const QString &why = {});
    // "playing", "loading", or what went wrong.
    QString status() const;
    bool hasPicture() const;

private:
    QMediaPlayer *m_player = nullptr;
    VideoFrameView *m_video = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace nova
