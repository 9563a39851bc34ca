#pragma once

#include "broadcaster/source/latest_picture.h"
#include "broadcaster/source/media_source.h"
#include "broadcaster/source/source_problem.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QCamera>
#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QObject>
#include <QVideoSink>

#include <deque>
#include <memory>
#include <mutex>

class QAudioSource;
class QIODevice;

namespace nova {

// A camera and, when there is one, a microphone (Qt Multimedia). The newest picture is broadcast
// for each frame slot; sound is buffered as it comes and handed out in order, with silence when
// the microphone falls behind. Lives on the thread that created it (the GUI's).
class CameraSource : public QObject, public MediaSource
{
    Q_OBJECT

public:
    CameraSource(const QCameraDevice &camera, const QAudioDevice &microphone, VideoFormat video,
                 AudioFormat audio, QObject *parent = nullptr);
    ~CameraSource() override;

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;
    QString problem() const override { return m_problem.text(); }

private:
    void readMicrophone();

    AudioFormat m_audio;
    QCamera m_camera;
    QVideoSink m_sink;
    QMediaCaptureSession m_session;
    LatestPicture m_picture;
    SourceProblem m_problem;
    QAudioFormat m_micFormat;
    std::unique_ptr<QAudioSource> m_microphone;
    QIODevice *m_micStream = nullptr;
    std::mutex m_mutex;
    std::deque<float> m_samples; // interleaved, m_audio.channels per sample
};

} // namespace nova
