// The mixer's cost: three sources mixed, metered and clipped for a minute of 48 kHz stereo sound,
// as the pipeline asks for it (1024 samples at a time). Prints the CPU time per second of sound,
// which is the share of one core that mixing takes in a live broadcast.
//   build/bench/audio_mix [seconds-of-sound]

#include "broadcaster/mixer/audio_mixer.h"

#include <QCoreApplication>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numbers>

namespace {
// A source as cheap as a capture's hand-over: its samples are there already.
class BufferedTone : public nova::MediaSource
{
public:
    explicit BufferedTone(double hertz)
    {
        for (int i = 0; i < 48000; ++i)
            m_second[std::size_t(i)] =
                float(0.2 * std::sin(2.0 * std::numbers::pi * hertz * i / 48000.0));
    }
    void renderVideo(AVFrame *, qint64, const QDateTime &) override {}
    void renderAudio(AVFrame *frame, qint64 firstSample) override
    {
        for (int channel = 0; channel < frame->ch_layout.nb_channels; ++channel) {
            auto *out = reinterpret_cast<float *>(frame->data[channel]);
            for (int i = 0; i < frame->nb_samples; ++i)
                out[i] = m_second[std::size_t((firstSample + i) % 48000)];
        }
    }

private:
    std::array<float, 48000> m_second{};
};

double cpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 60;
    nova::AudioMixer mixer({{QStringLiteral("Microphone"), std::make_shared<BufferedTone>(220)},
                            {QStringLiteral("Desktop audio"), std::make_shared<BufferedTone>(660)},
                            {QStringLiteral("Music"), std::make_shared<BufferedTone>(1500)}});
    AVFrame *frame = av_frame_alloc();
    frame->format = AV_SAMPLE_FMT_FLTP;
    frame->nb_samples = 1024;
    frame->sample_rate = 48000;
    av_channel_layout_default(&frame->ch_layout, 2);
    av_frame_get_buffer(frame, 0);

    const qint64 total = qint64(seconds) * 48000;
    const double began = cpuSeconds();
    double checksum = 0;
    for (qint64 sample = 0; sample < total; sample += frame->nb_samples) {
        mixer.mix(frame, sample);
        checksum += reinterpret_cast<float *>(frame->data[0])[0];
    }
    const double used = cpuSeconds() - began;
    std::printf("{\"sources\":3,\"sound_s\":%d,\"cpu_s\":%.4f,\"share_of_a_core_percent\":%.3f,"
                "\"checksum\":%.3f}\n",
                seconds, used, 100.0 * used / seconds, checksum);
    av_frame_free(&frame);
    return 0;
}
