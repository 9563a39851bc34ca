#include "broadcaster/media/sample_jitter_buffer.h"

extern "C" {
#include <libavutil/frame.h>
}

#include <algorithm>

namespace nova {

SampleJitterBuffer::SampleJitterBuffer(AudioFormat format, int targetMs, int maxMs)
    : m_format(format)
    , m_target(std::size_t(format.sampleRate) * std::size_t(targetMs) / 1000 *
               std::size_t(format.channels))
    , m_max(std::size_t(format.sampleRate) * std::size_t(maxMs) / 1000 *
            std::size_t(format.channels))
{}

void SampleJitterBuffer::push(const float *interleaved, std::size_t count)
{
    std::lock_guard lock(m_mutex);
    m_samples.insert(m_samples.end(), interleaved, interleaved + count);
    // Far behind: one jump back to the target, not many.
    if (m_samples.size() > m_max)
        m_samples.erase(m_samples.begin(), m_samples.end() - qsizetype(m_target));
}

void SampleJitterBuffer::fill(AVFrame *frame)
{
    const int channels = frame->ch_layout.nb_channels;
    const auto perSample = std::size_t(m_format.channels);
    std::lock_guard lock(m_mutex);
    if (m_priming && m_samples.size() >= m_target)
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
