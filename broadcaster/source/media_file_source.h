#pragma once

#include "broadcaster/source/latest_picture.h"
#include "broadcaster/source/media_source.h"
#include "broadcaster/source/source_problem.h"

#include <QMediaPlayer>
#include <QObject>
#include <QUrl>
#include <QVideoSink>

namespace nova {

// A video file played in a loop (Qt Multimedia: QMediaPlayer into a QVideoSink), its pictures
// broadcast as they play. Qt 6.4's player gives no access to decoded sound, so the sound is
// silence. Lives on the thread that created it (the GUI's); the pipeline only reads pictures.
class MediaFileSource : public QObject, public MediaSource
{
    Q_OBJECT

public:
    MediaFileSource(const QUrl &file, VideoFormat format, QObject *parent = nullptr);

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;
    bool hasPicture() const { return m_picture.hasPicture(); }
    // The file cannot be played: why, for the streamer.
    QString problem() const override { return m_problem.text(); }

private:
    QVideoSink m_sink;
    QMediaPlayer m_player;
    LatestPicture m_picture;
    SourceProblem m_problem;
};

} // namespace nova
