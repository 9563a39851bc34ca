#include "broadcaster/capture/pulse_audio_source.h"

#include "broadcaster/media/frame_scaler.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

#include <cstring>

namespace nova {

PulseAudioSource::PulseAudioSource(QString source, AudioFormat format)
    : m_format(format)
{
    DeviceInput::Device device;
    device.format = "pulse";
    device.url = source.isEmpty() ? QByteArray("default") : source.toUtf8();
    device.what = source.isEmpty() ? QStringLiteral("the default PulseAudio source")
                                   : QStringLiteral("PulseAudio source %1").arg(source);
    const int bytesPerSample = int(sizeof(qint16)) * format.channels;
    device.options = {
        {"sample_rate", QByteArray::number(format.sampleRate)},
        {"channels", QByteArray::number(format.channels)},
        // 20 ms a read: short enough that the sound keeps up with the picture.
        {"fragment_size", QByteArray::number(format.sampleRate / 50 * bytesPerSample)},
    };
    const std::size_t maxBuffered =
        std::size_t(format.sampleRate) * kMaxBufferedMs / 1000 * std::size_t(format.channels);
    const std::size_t targetBuffered =
        std::size_t(format.sampleRate) * kTargetBufferedMs / 1000 * std::size_t(format.channels);
    m_input = std::make_unique<DeviceInput>(
        std::move(device),
        [this, maxBuffered, targetBuffered](const AVPacket &packet, const AVCodecParameters &) {
            // pulse delivers interleaved signed 16-bit samples (pcm_s16le).
            const auto count = std::size_t(packet.size) / sizeof(qint16);
            std::lock_guard lock(m_mutex);
            for (std::size_t i = 0; i < count; ++i) {
                qint16 value;
                std::memcpy(&value, packet.data + i * sizeof(qint16), sizeof value);
                m_samples.push_back(float(value) / 32768.0f);
            }
            // Far behind (the two clocks drifted): one jump back to the target, not many.
            if (m_samples.size() > maxBuffered)
                m_samples.erase(m_samples.begin(), m_samples.end() - qsizetype(targetBuffered));
        });
}

PulseAudioSource::~PulseAudioSource() = default;

void PulseAudioSource::renderVideo(AVFrame *frame, qint64, const QDateTime &)
{
    FrameScaler::fillBlack(frame);
}

void PulseAudioSource::renderAudio(AVFrame *frame, qint64)
{
    const int channels = frame->ch_layout.nb_channels;
    const auto perSample = std::size_t(m_format.channels);
    const std::size_t target =
        std::size_t(m_format.sampleRate) * kTargetBufferedMs / 1000 * perSample;
    std::lock_guard lock(m_mutex);
    // A jitter buffer: sound starts (and starts again after running dry) only once kTargetBuffered
    // has come, so that the server's uneven deliveries make one pause, not a crackle of them.
    if (m_priming && m_samples.size() >= target)
        m_priming = false;
    for (int i = 0; i < frame->nb_samples; ++i) {
        if (!m_priming && m_samples.size() < perSample)
            m_priming = true;
        for (int channel = 0; channel < channels; ++channel) {
            const float value =
                m_priming ? 0.0f : m_samples[std::size_t(std::min(channel, m_format.channels - 1))];
            reinterpret_cast<float *>(frame->data[channel])[i] = value;
        }
        if (!m_priming)
            m_samples.erase(m_samples.begin(), m_samples.begin() + qsizetype(perSample));
    }
}

} // namespace nova
