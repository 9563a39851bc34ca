// MediaFileSource: a video file played by Qt Multimedia reaches the broadcast's frames, scaled to
// fit and centred on black, with silence for sound.

#include "broadcaster/source/media_file_source.h"
#include "tests/unit/yuv_picture.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavutil/channel_layout.h>
}

using namespace nova;

namespace {
int lumaAt(const AVFrame *frame, int x, int y)
{
    return frame->data[0][y * frame->linesize[0] + x];
}

int crAt(const AVFrame *frame, int x, int y)
{
    return frame->data[2][y / 2 * frame->linesize[2] + x / 2];
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
        // A square red clip: in a 16:9 frame it fills the middle and leaves black bars.
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {"-v", "error", "-f", "lavfi", "-i", "color=c=red:s=180x180:d=3:r=30",
                      "-pix_fmt", "yuv420p", "-c:v", "libx264", file});
        if (!ffmpeg.waitForFinished(30'000) || ffmpeg.exitCode() != 0)
            QSKIP("needs the ffmpeg command (nova-stack installs it)");

        const VideoFormat format{320, 180, 30};
        MediaFileSource source(QUrl::fromLocalFile(file), format);
        QTRY_VERIFY_WITH_TIMEOUT(source.hasPicture(), 10'000);

        AvFramePtr frame = test::yuvPicture(format);
        source.renderVideo(frame.get(), 0, QDateTime::currentDateTimeUtc());
        QVERIFY(std::abs(lumaAt(frame.get(), 160, 90) - 81) < 20); // red in BT.601
        QVERIFY(crAt(frame.get(), 160, 90) > 200);
        QCOMPARE(lumaAt(frame.get(), 10, 90), 16); // black bar
        QCOMPARE(lumaAt(frame.get(), 310, 90), 16);

        AvFramePtr sound(av_frame_alloc());
        sound->format = AV_SAMPLE_FMT_FLTP;
        sound->nb_samples = 1024;
        av_channel_layout_default(&sound->ch_layout, 2);
        av_frame_get_buffer(sound.get(), 0);
        std::fill_n(reinterpret_cast<float *>(sound->data[0]), 1024, 1.f);
        source.renderAudio(sound.get(), 0);
        QCOMPARE(reinterpret_cast<const float *>(sound->data[0])[500], 0.f);
    }
};

QTEST_MAIN(TestMediaFileSource)
#include "tst_media_file_source.moc"
