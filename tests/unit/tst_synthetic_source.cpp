// SyntheticSource: the flash and the beep mark the same instants, and the picture shows what it
// promises (a flash only on flash frames, the burned-in text, motion between frames).

#include "broadcaster/source/synthetic_source.h"
#include "tests/unit/yuv_picture.h"

#include <QTest>

extern "C" {
#include <libavutil/channel_layout.h>
}

using namespace nova;

namespace {
AvFramePtr sound(const AudioFormat &format, int samples)
{
    AvFramePtr frame(av_frame_alloc());
    frame->format = AV_SAMPLE_FMT_FLTP;
    frame->sample_rate = format.sampleRate;
    frame->nb_samples = samples;
    av_channel_layout_default(&frame->ch_layout, format.channels);
    av_frame_get_buffer(frame.get(), 0);
    return frame;
}

// Mean luma of the flash square's area (top right).
double flashAreaLuma(const AVFrame *frame)
{
    const int size = frame->height / 5;
    const int x0 = frame->width - size - frame->height / 20 + size / 4;
    const int y0 = frame->height / 20 + size / 4;
    double sum = 0;
    for (int y = y0; y < y0 + size / 2; ++y)
        for (int x = x0; x < x0 + size / 2; ++x)
            sum += frame->data[0][y * frame->linesize[0] + x];
    return sum / (size / 2.0 * size / 2.0);
}

double peak(const AVFrame *frame)
{
    double top = 0;
    for (int i = 0; i < frame->nb_samples; ++i)
        top = std::max(top, double(std::abs(reinterpret_cast<const float *>(frame->data[0])[i])));
    return top;
}
} // namespace

class TestSyntheticSource : public QObject
{
    Q_OBJECT

private slots:
    void flashAndBeepMarkTheSameInstants_data()
    {
        QTest::addColumn<int>("fps");
        QTest::addRow("25 fps") << 25;
        QTest::addRow("30 fps") << 30;
        QTest::addRow("60 fps") << 60;
    }
    void flashAndBeepMarkTheSameInstants()
    {
        QFETCH(int, fps);
        const int rate = 48000;
        for (qint64 second = 0; second < 5; ++second) {
            // The first picture of each second flashes, and the sound under it beeps.
            const qint64 frame = second * fps;
            QVERIFY(SyntheticSource::isFlashFrame(frame, fps));
            QVERIFY(SyntheticSource::isBeepSample(frame * rate / fps, rate));
            // Half a second later: neither.
            QVERIFY(!SyntheticSource::isFlashFrame(frame + fps / 2, fps));
            QVERIFY(!SyntheticSource::isBeepSample((frame + fps / 2) * rate / fps, rate));
        }
    }

    void theFlashIsOnlyOnFlashFrames()
    {
        const VideoFormat format{640, 360, 30};
        SyntheticSource source(format, {});
        auto frame = test::yuvPicture(format);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        source.renderVideo(frame.get(), 30, now);
        QVERIFY(flashAreaLuma(frame.get()) > 230);
        source.renderVideo(frame.get(), 45, now);
        QVERIFY(flashAreaLuma(frame.get()) < 200);
    }

    void consecutivePicturesDiffer()
    {
        const VideoFormat format{320, 180, 30};
        SyntheticSource source(format, {});
        auto a = test::yuvPicture(format);
        auto b = test::yuvPicture(format);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        source.renderVideo(a.get(), 100, now);
        source.renderVideo(b.get(), 101, now);
        qint64 differing = 0;
        for (int y = 0; y < format.height; ++y)
            differing += std::memcmp(a->data[0] + y * a->linesize[0],
                                     b->data[0] + y * b->linesize[0], size_t(format.width)) != 0;
        QVERIFY2(differing > format.height / 2, "the picture should move every frame");
    }

    void theBeepIsLouderThanTheTone()
    {
        const AudioFormat format;
        SyntheticSource source({}, format);
        auto frame = sound(format, 1024);
        source.renderAudio(frame.get(), 0); // the first 21 ms of a second: beep
        const double beep = peak(frame.get());
        source.renderAudio(frame.get(), format.sampleRate / 2); // mid-second: tone only
        const double tone = peak(frame.get());
        QVERIFY(tone > 0.01);
        QVERIFY(beep > 4 * tone);
        QVERIFY(beep <= 1.0);
    }

    void sizesAreValidated_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addRow("720p") << QStringLiteral("1280x720") << true;
        QTest::addRow("upper X") << QStringLiteral("1920X1080") << true;
        QTest::addRow("odd") << QStringLiteral("1281x720") << false;
        QTest::addRow("too small") << QStringLiteral("100x50") << false;
        QTest::addRow("too big") << QStringLiteral("7680x4320") << false;
        QTest::addRow("one number") << QStringLiteral("1280") << false;
    }
    void sizesAreValidated()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(VideoFormat::parseSize(text, 30).has_value(), valid);
    }
};

QTEST_GUILESS_MAIN(TestSyntheticSource)
#include "tst_synthetic_source.moc"
