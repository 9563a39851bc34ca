// MediaFileSource: a media file decoded with FFmpeg reaches the broadcast's frames, scaled to fit
// and centred on black; its sound comes resampled to the broadcast's rate; a short file plays on
// in a loop; a file that cannot be played says why.

#include "broadcaster/source/media_file_source.h"
#include "tests/support/polling.h"
#include "tests/unit/yuv_picture.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavutil/channel_layout.h>
}

#include <cmath>
#include <numbers>

using namespace nova;
using namespace nova::test;

namespace {
int lumaAt(const AVFrame *frame, int x, int y)
{
    return frame->data[0][y * frame->linesize[0] + x];
}

int crAt(const AVFrame *frame, int x, int y)
{
    return frame->data[2][y / 2 * frame->linesize[2] + x / 2];
}

// False when ffmpeg is missing or fails: the test is skipped then.
bool makeFile(const QStringList &arguments)
{
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"), QStringList{"-v", "error", "-y"} + arguments);
    return ffmpeg.waitForFinished(30'000) && ffmpeg.exitCode() == 0;
}

AvFramePtr soundFrame()
{
    AvFramePtr sound(av_frame_alloc());
    sound->format = AV_SAMPLE_FMT_FLTP;
    sound->nb_samples = 1024;
    sound->sample_rate = 48000;
    av_channel_layout_default(&sound->ch_layout, 2);
    av_frame_get_buffer(sound.get(), 0);
    return sound;
}

// The amplitude of `hertz` in the first channel of `frame` at 48 kHz (one DFT bin).
double strengthOf(const AVFrame *frame, double hertz)
{
    const auto *samples = reinterpret_cast<const float *>(frame->data[0]);
    double re = 0, im = 0;
    for (int i = 0; i < frame->nb_samples; ++i) {
        const double phase = 2.0 * std::numbers::pi * hertz * i / 48000.0;
        re += samples[i] * std::cos(phase);
        im -= samples[i] * std::sin(phase);
    }
    return 2.0 * std::hypot(re, im) / frame->nb_samples;
}
} // namespace

class TestMediaFileSource : public QObject
{
    Q_OBJECT

private slots:
    void aFilesPicturesAreBroadcastFittedOnBlack()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("red.mp4"));
        // A square red clip without sound: in a 16:9 frame it fills the middle, with black bars.
        if (!makeFile({"-f", "lavfi", "-i", "color=c=red:s=180x180:d=3:r=30", "-pix_fmt", "yuv420p",
                       "-c:v", "libx264", file}))
            QSKIP("needs the ffmpeg command (nova-stack installs it)");

        const VideoFormat format{320, 180, 30};
        MediaFileSource source(file, format, AudioFormat{});
        source.waitUntilReady(10'000);
        QVERIFY(pollUntil([&] { return source.hasPicture(); }, 10'000));
        QCOMPARE(source.problem(), QString());

        AvFramePtr frame = test::yuvPicture(format);
        source.renderVideo(frame.get(), 0, QDateTime::currentDateTimeUtc());
        QVERIFY(std::abs(lumaAt(frame.get(), 160, 90) - 81) < 20); // red in BT.601
        QVERIFY(crAt(frame.get(), 160, 90) > 200);
        QCOMPARE(lumaAt(frame.get(), 10, 90), 16); // black bar
        QCOMPARE(lumaAt(frame.get(), 310, 90), 16);

        AvFramePtr sound = soundFrame();
        std::fill_n(reinterpret_cast<float *>(sound->data[0]), 1024, 1.f);
        source.renderAudio(sound.get(), 0);
        QCOMPARE(reinterpret_cast<const float *>(sound->data[0])[500], 0.f); // no sound: silence
    }

    void aFilesSoundIsHeardAtTheBroadcastsRateAndAShortFileLoops()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("tone.mkv"));
        // Half a second of a 1 kHz tone at 32 kHz: played unconverted at 48 kHz it would be 1.5
        // kHz.
        if (!makeFile({"-f", "lavfi", "-i", "color=c=blue:s=160x90:d=0.5:r=25", "-f", "lavfi", "-i",
                       "sine=frequency=1000:sample_rate=32000:duration=0.5", "-af", "volume=4",
                       "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file}))
            QSKIP("needs the ffmpeg command (nova-stack installs it)");

        MediaFileSource source(file, VideoFormat{320, 180, 30}, AudioFormat{});
        source.waitUntilReady(10'000);
        QElapsedTimer clock;
        clock.start();
        AvFramePtr sound = soundFrame();
        const auto toneIsHeard = [&] {
            source.renderAudio(sound.get(), 0);
            return strengthOf(sound.get(), 1000) > 0.3 &&
                   strengthOf(sound.get(), 1000) > 4 * strengthOf(sound.get(), 1500);
        };
        QVERIFY(pollUntil(toneIsHeard, 5000));
        // Still heard well after the file's half second: it plays again from its start.
        QVERIFY(pollUntil([&] { return clock.elapsed() > 1500 && toneIsHeard(); }, 8000));
        QCOMPARE(source.problem(), QString());
    }

    void aFileThatCannotBePlayedSaysWhy()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("broken.mp4"));
        QFile broken(file);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("this is not a video");
        broken.close();

        MediaFileSource source(file, VideoFormat{320, 180, 30}, AudioFormat{});
        source.waitUntilReady(10'000);
        QVERIFY(pollUntil([&] { return !source.problem().isEmpty(); }, 5000));
        QVERIFY2(source.problem().startsWith(u"Cannot play the file: "),
                 qPrintable(source.problem()));
        QVERIFY(!source.hasPicture());
        AvFramePtr frame = test::yuvPicture(VideoFormat{320, 180, 30});
        source.renderVideo(frame.get(), 0, QDateTime::currentDateTimeUtc());
        QCOMPARE(lumaAt(frame.get(), 160, 90), 16); // black, and no crash
    }
};

QTEST_GUILESS_MAIN(TestMediaFileSource)
#include "tst_media_file_source.moc"
