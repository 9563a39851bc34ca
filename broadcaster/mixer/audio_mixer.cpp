#include "broadcaster/mixer/audio_mixer.h"

#include <algorithm>

namespace nova {

AudioMixer::AudioMixer(QList<Input> inputs)
{
    for (Input &input : inputs)
        m_inputs.push_back({std::move(input.name), std::move(input.source)});
    m_levels.resize(m_inputs.size());
}

AVFrame *AudioMixer::scratch(const AVFrame *like)
{
    AVFrame *frame = m_scratch.get();
    if (frame && frame->nb_samples >= like->nb_samples &&
        frame->ch_layout.nb_channels == like->ch_layout.nb_channels) {
        frame->nb_samples = like->nb_samples;
        return frame;
    }
    m_scratch.reset(av_frame_alloc());
    frame = m_scratch.get();
    frame->format = like->format;
    frame->nb_samples = like->nb_samples;
    frame->sample_rate = like->sample_rate;
    av_channel_layout_copy(&frame->ch_layout, &like->ch_layout);
    if (av_frame_get_buffer(frame, 0) < 0) {
        m_scratch.reset();
        return nullptr;
    }
    return frame;
}

void AudioMixer::mix(AVFrame *frame, qint64 firstSample)
{
    const int channels = frame->ch_layout.nb_channels;
    for (int channel = 0; channel < channels; ++channel)
        std::fill_n(reinterpret_cast<float *>(frame->data[channel]), frame->nb_samples, 0.0f);
    AVFrame *input = m_inputs.empty() ? nullptr : scratch(frame);
    if (!input)
        return;
    std::vector<AudioLevel> levels(m_inputs.size());
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        m_inputs[i].source->renderAudio(input, firstSample);
        AudioLevelMeter meter;
        const bool muted = m_inputs[i].muted->load();
        for (int channel = 0; channel < channels; ++channel) {
            const auto *from = reinterpret_cast<const float *>(input->data[channel]);
            auto *to = reinterpret_cast<float *>(frame->data[channel]);
            for (int sample = 0; sample < frame->nb_samples; ++sample) {
                meter.add(from[sample]);
                if (!muted)
                    to[sample] += from[sample];
            }
        }
        levels[i] = meter.reading();
    }
    for (int channel = 0; channel < channels; ++channel) {
        auto *to = reinterpret_cast<float *>(frame->data[channel]);
        for (int sample = 0; sample < frame->nb_samples; ++sample)
            to[sample] = std::clamp(to[sample], -1.0f, 1.0f);
    }
    std::lock_guard lock(m_mutex);
    m_levels = std::move(levels);
}

void AudioMixer::waitUntilReady(int limitMs)
{
    for (Channel &input : m_inputs)
        input.source->waitUntilReady(limitMs);
}

void AudioMixer::setMuted(int input, bool muted)
{
    if (input >= 0 && input < size())
        m_inputs[std::size_t(input)].muted->store(muted);
}

QList<AudioMixer::Strip> AudioMixer::strips() const
{
    QList<Strip> strips;
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < m_inputs.size(); ++i)
        strips.append({m_inputs[i].name, m_inputs[i].muted->load(), m_levels[i],
                       m_inputs[i].source->problem()});
    return strips;
}

QString AudioMixer::problem(const std::vector<const MediaSource *> &toldElsewhere) const
{
    QStringList problems;
    for (const Channel &input : m_inputs) {
        if (std::find(toldElsewhere.begin(), toldElsewhere.end(), input.source.get()) !=
            toldElsewhere.end())
            continue;
        if (const QString problem = input.source->problem(); !problem.isEmpty())
            problems.append(problem);
    }
    return problems.join(u'\n');
}

} // namespace nova
