#include "broadcaster/capture/pulse_audio_source.h"

#include "broadcaster/media/frame_scaler.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

#include <cstring>
#include <vector>

namespace nova {

PulseAudioSource::PulseAudioSource(QString source, AudioFormat format)
    : m_buffer(format, kTargetBufferedMs, kMaxBufferedMs)
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
    m_input = std::make_unique<DeviceInput>(
        std::move(device), [this](const AVPacket &packet, const AVCodecParameters &) {
            // pulse delivers interleaved signed 16-bit samples (pcm_s16le).
            const auto count = std::size_t(packet.size) / sizeof(qint16);
            std::vector<float> samples(count);
            for (std::size_t i = 0; i < count; ++i) {
                qint16 value;
                std::memcpy(&value, packet.data + i * sizeof(qint16), sizeof value);
                samples[i] = float(value) / 32768.0f;
            }
            m_buffer.push(samples.data(), samples.size());
        });
}

PulseAudioSource::~PulseAudioSource() = default;

void PulseAudioSource::renderVideo(AVFrame *frame, qint64, const QDateTime &)
{
    FrameScaler::fillBlack(frame);
}

void PulseAudioSource::renderAudio(AVFrame *frame, qint64)
{
    m_buffer.fill(frame);
}

} // namespace nova
