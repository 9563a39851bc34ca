#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QMediaPlayer;
class QVideoWidget;

namespace nova {

// A muted, live preview of a stream's HLS output (what viewers get), played by Qt Multimedia.
class HlsPreview : public QWidget
{
    Q_OBJECT

public:
    explicit HlsPreview(QWidget *parent = nullptr);

    void play(const QUrl &playlist);
    void stop();
    // "playing", "loading", or what went wrong.
    QString status() const;

private:
    QMediaPlayer *m_player = nullptr;
    QVideoWidget *m_video = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace nova
