#include "broadcaster/source/camera_source.h"

#include <QAudioSource>

extern "C" {
#include <libavutil/frame.h>
}

namespace nova {

namespace {
constexpr int kBufferSeconds = 1; // more than this behind, the oldest sound is let go
}

CameraSource::CameraSource(const QCameraDevice &camera, const QAudioDevice &microphone,
                           VideoFormat video, AudioFormat audio, QObject *parent)
    : QObject(parent)
    , m_audio(audio)
    , m_camera(camera)
    , m_picture(&m_sink, video)
{
    m_session.setCamera(&m_camera);
    m_session.setVideoSink(&m_sink);
    connect(&m_camera, &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &text) {
        m_problem.set(tr("The camera stopped: %1").arg(text));
    });
    m_camera.start();

    if (microphone.isNull())
        return;
    m_micFormat.setSampleRate(audio.sampleRate);
    m_micFormat.setChannelCount(audio.channels);
    m_micFormat.setSampleFormat(QAudioFormat::Float);
    if (!microphone.isFormatSupported(m_micFormat))
        m_micFormat.setSampleFormat(QAudioFormat::Int16);
    if (!microphone.isFormatSupported(m_micFormat))
        return; // a picture without sound beats no picture
    m_microphone = std::make_unique<QAudioSource>(microphone, m_micFormat);
    m_micStream = m_microphone->start();
    if (m_micStream)
        connect(m_micStream, &QIODevice::readyRead, this, &CameraSource::readMicrophone);
}

CameraSource::~CameraSource()
{
    if (m_microphone)
        m_microphone->stop();
    m_camera.stop();
}

void CameraSource::readMicrophone()
{
    const QByteArray bytes = m_micStream->readAll();
    const bool isFloat = m_micFormat.sampleFormat() == QAudioFormat::Float;
    const qsizetype count = bytes.size() / (isFloat ? 4 : 2);
    std::lock_guard lock(m_mutex);
    for (qsizetype i = 0; i < count; ++i) {
        if (isFloat)
            m_samples.push_back(reinterpret_cast<const float *>(bytes.constData())[i]);
        else
            m_samples.push_back(reinterpret_cast<const qint16 *>(bytes.constData())[i] / 32768.f);
    }
    const size_t limit = size_t(kBufferSeconds * m_audio.sampleRate * m_audio.channels);
    while (m_samples.size() > limit)
        m_samples.pop_front();
}

void CameraSource::renderVideo(AVFrame *frame, qint64, const QDateTime &)
{
    m_picture.drawInto(frame);
}

void CameraSource::renderAudio(AVFrame *frame, qint64)
{
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < frame->nb_samples; ++i) {
        for (int channel = 0; channel < m_audio.channels; ++channel) {
            float value = 0.f;
            if (!m_samples.empty()) {
                value = m_samples.front();
                m_samples.pop_front();
            }
            reinterpret_cast<float *>(frame->data[channel])[i] = value;
        }
    }
}

} // namespace nova
