// The broadcast's sound: inputs added up, mute, meters in dBFS, clipping at full scale.

#include "broadcaster/mixer/audio_mixer.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace nova;

namespace {
// A sine of `frequency` Hz at `amplitude`, the same on every channel.
class ToneSource : public MediaSource
{
public:
    ToneSource(double frequency, double amplitude)
        : m_frequency(frequency)
        , m_amplitude(amplitude)
    {}
    void renderVideo(AVFrame *, qint64, const QDateTime &) override {}
    void renderAudio(AVFrame *frame, qint64 firstSample) override
    {
        for (int channel = 0; channel < frame->ch_layout.nb_channels; ++channel) {
            auto *samples = reinterpret_cast<float *>(frame->data[channel]);
            for (int i = 0; i < frame->nb_samples; ++i)
                samples[i] = float(m_amplitude * std::sin(2.0 * std::numbers::pi * m_frequency *
                                                          double(firstSample + i) / 48000.0));
        }
        ++m_calls;
    }
    int calls() const { return m_calls; }

private:
    double m_frequency;
    double m_amplitude;
    int m_calls = 0;
};

struct AudioFrame
{
    AVFrame *frame = av_frame_alloc();
    explicit AudioFrame(int samples = 1024)
    {
        frame->format = AV_SAMPLE_FMT_FLTP;
        frame->nb_samples = samples;
        frame->sample_rate = 48000;
        av_channel_layout_default(&frame->ch_layout, 2);
        av_frame_get_buffer(frame, 0);
    }
    ~AudioFrame() { av_frame_free(&frame); }
    float at(int channel, int i) const
    {
        return reinterpret_cast<float *>(frame->data[channel])[i];
    }
    // The strength of `frequency` in channel 0 (one bin of a DFT).
    double strengthOf(double frequency) const
    {
        double re = 0, im = 0;
        for (int i = 0; i < frame->nb_samples; ++i) {
            const double phase = 2.0 * std::numbers::pi * frequency * i / 48000.0;
            re += at(0, i) * std::cos(phase);
            im -= at(0, i) * std::sin(phase);
        }
        return std::hypot(re, im) * 2.0 / frame->nb_samples;
    }
};
} // namespace

class TestAudioMixer : public QObject
{
    Q_OBJECT

private slots:
    void inputsAreAddedUp()
    {
        auto low = std::make_shared<ToneSource>(375.0, 0.25);
        auto high = std::make_shared<ToneSource>(1500.0, 0.25);
        AudioMixer mixer({{QStringLiteral("Microphone"), low}, {QStringLiteral("Desktop"), high}});
        AudioFrame out(4096);
        mixer.mix(out.frame, 0);
        QVERIFY(std::abs(out.strengthOf(375.0) - 0.25) < 0.02);
        QVERIFY(std::abs(out.strengthOf(1500.0) - 0.25) < 0.02);
        QVERIFY(out.strengthOf(800.0) < 0.02);
        QCOMPARE(out.at(1, 100), out.at(0, 100));
    }

    void aMutedInputIsMeteredButNotHeard()
    {
        auto voice = std::make_shared<ToneSource>(375.0, 0.5);
        auto music = std::make_shared<ToneSource>(1500.0, 0.5);
        AudioMixer mixer(
            {{QStringLiteral("Microphone"), voice}, {QStringLiteral("Desktop"), music}});
        mixer.setMuted(1, true);
        AudioFrame out(4096);
        mixer.mix(out.frame, 0);
        QVERIFY(out.strengthOf(375.0) > 0.45);
        QVERIFY2(out.strengthOf(1500.0) < 0.01, "the muted tone is absent");
        QCOMPARE(music->calls(), 1); // still read: its samples do not pile up

        const QList<AudioMixer::Strip> strips = mixer.strips();
        QCOMPARE(strips.size(), 2);
        QCOMPARE(strips.at(1).name, QStringLiteral("Desktop"));
        QVERIFY(strips.at(1).muted);
        // A sine of amplitude 0.5: peak -6.0 dBFS, RMS -9.0 dBFS.
        QVERIFY(std::abs(strips.at(1).level.peakDbfs - -6.02) < 0.1);
        QVERIFY(std::abs(strips.at(1).level.rmsDbfs - -9.03) < 0.1);

        mixer.setMuted(1, false);
        mixer.mix(out.frame, 4096);
        QVERIFY(out.strengthOf(1500.0) > 0.45);
        QVERIFY(!mixer.strips().at(1).muted);
    }

    void theSumIsClippedAtFullScale()
    {
        auto a = std::make_shared<ToneSource>(100.0, 0.9);
        auto b = std::make_shared<ToneSource>(100.0, 0.9);
        AudioMixer mixer({{QStringLiteral("a"), a}, {QStringLiteral("b"), b}});
        AudioFrame out(4800);
        mixer.mix(out.frame, 0);
        float peak = 0;
        for (int i = 0; i < 4800; ++i)
            peak = std::max(peak, std::abs(out.at(0, i)));
        QCOMPARE(peak, 1.0f);
    }

    void noInputsIsSilence()
    {
        AudioMixer mixer({});
        AudioFrame out;
        out.frame->data[0][0] = 0xff; // whatever was there before
        mixer.mix(out.frame, 0);
        QCOMPARE(out.at(0, 0), 0.0f);
        QVERIFY(mixer.strips().isEmpty());
        QCOMPARE(AudioLevelMeter().reading().peakDbfs, AudioLevel::kSilence);
    }
};

QTEST_APPLESS_MAIN(TestAudioMixer)
#include "tst_audio_mixer.moc"
