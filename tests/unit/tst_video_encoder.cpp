// VideoEncoder: every keyframe carries the capture-time SEI, read back with the same parser the
// server's probe uses, also when pictures were skipped (which once let x264 place keyframes of its
// own without it) and when a new connection asks for one; keyframes come at the asked interval.

#include "broadcaster/encoder/video_encoder.h"
#include "broadcaster/source/synthetic_source.h"
#include "shared/capture_timestamp_sei.h"

#include <QRandomGenerator>
#include <QTest>

extern "C" {
#include <libavutil/frame.h>
}

using namespace nova;

namespace {
struct Encoded
{
    qint64 pts;
    bool keyframe;
    std::optional<qint64> sei;
};

constexpr qint64 kEpochMicros = 1'700'000'000'000'000;

// Encodes the pictures `indices` (gaps are skipped pictures); the capture time of picture i is
// kEpochMicros + i ms. `keyframeAt` asks for a keyframe before that picture.
QList<Encoded> encode(const QList<qint64> &indices, qint64 keyframeAt = -1)
{
    VideoEncoder::Settings settings;
    settings.format = {320, 180, 30};
    settings.bitrateKbps = 500;
    settings.preset = QStringLiteral("ultrafast");
    VideoEncoder encoder(settings);
    SyntheticSource source(settings.format, {});
    QList<Encoded> out;
    const auto sink = [&](AVPacket *packet) {
        const QByteArrayView data(reinterpret_cast<const char *>(packet->data), packet->size);
        out.append({packet->pts, bool(packet->flags & AV_PKT_FLAG_KEY),
                    CaptureTimestampSei::find(data, CaptureTimestampSei::Framing::AnnexB)});
    };
    for (const qint64 index : indices) {
        if (index == keyframeAt)
            encoder.requestKeyframe();
        source.renderVideo(encoder.frameForWriting(), index, QDateTime::currentDateTimeUtc());
        encoder.encode(index, kEpochMicros + index * 1000, sink);
    }
    encoder.flush(sink);
    return out;
}
} // namespace

class TestVideoEncoder : public QObject
{
    Q_OBJECT

private slots:
    void everyKeyframeCarriesItsCaptureTime_data()
    {
        QTest::addColumn<QList<qint64>>("indices");
        QTest::addColumn<qint64>("keyframeAt");
        QList<qint64> steady;
        for (qint64 i = 0; i < 200; ++i)
            steady << i;
        QList<qint64> skipping; // pictures skipped to keep real time, keyframe slots among them
        for (qint64 i = 0; i < 260; ++i)
            if (i % 7 != 3 && i != 60 && i != 61 && i != 120)
                skipping << i;
        QTest::addRow("steady") << steady << qint64(-1);
        QTest::addRow("pictures skipped") << skipping << qint64(-1);
        QTest::addRow("a new connection asks for one") << steady << qint64(77);
    }
    void everyKeyframeCarriesItsCaptureTime()
    {
        QFETCH(QList<qint64>, indices);
        QFETCH(qint64, keyframeAt);
        const QList<Encoded> packets = encode(indices, keyframeAt);
        QCOMPARE(packets.size(), indices.size());
        int keyframes = 0;
        for (const Encoded &packet : packets) {
            if (!packet.keyframe)
                continue;
            ++keyframes;
            QVERIFY2(packet.sei,
                     qPrintable(QStringLiteral("keyframe %1 has no SEI").arg(packet.pts)));
            QCOMPARE(*packet.sei, kEpochMicros + packet.pts * 1000);
        }
        QVERIFY(keyframes >= 3);
        if (keyframeAt >= 0)
            QVERIFY(std::ranges::any_of(
                packets, [&](const Encoded &p) { return p.pts == keyframeAt && p.keyframe; }));
    }

    void keyframesComeEverySecondOfPictureTime()
    {
        QList<qint64> skipping;
        for (qint64 i = 0; i < 200; ++i)
            if (i % 5 != 0 || i == 0)
                skipping << i;
        qint64 previous = -1;
        int keyframes = 0;
        for (const Encoded &packet : encode(skipping)) {
            if (!packet.keyframe)
                continue;
            ++keyframes;
            if (previous >= 0) // 30 slots apart, or the first picture after a skipped slot
                QVERIFY2(packet.pts - previous >= 30 && packet.pts - previous <= 31,
                         qPrintable(QString::number(packet.pts)));
            previous = packet.pts;
        }
        QVERIFY(keyframes >= 6);
    }

    void onceASecondAPictureCarriesItToo()
    {
        QList<qint64> steady;
        for (qint64 i = 0; i < 90; ++i)
            steady << i;
        int withSei = 0;
        for (const Encoded &packet : encode(steady))
            withSei += packet.sei ? 1 : 0;
        QCOMPARE(withSei, 3); // pictures 0 (a keyframe), 30 and 60
    }

    // Dynamic bitrate and the window's bitrate box both change it live: what comes out follows.
    void aBitrateChangedLiveIsWhatComesOut()
    {
        VideoEncoder::Settings settings;
        settings.format = {320, 180, 30};
        settings.bitrateKbps = 2000;
        settings.preset = QStringLiteral("ultrafast");
        VideoEncoder encoder(settings);
        QRandomGenerator noise(14); // noise: more than any bitrate here can carry
        qint64 bytes = 0;
        const auto sink = [&](AVPacket *packet) { bytes += packet->size; };
        const auto encodeSeconds = [&](qint64 first, int seconds) {
            for (qint64 index = first; index < first + seconds * 30; ++index) {
                AVFrame *frame = encoder.frameForWriting();
                for (int plane = 0; plane < 3; ++plane) {
                    const int rows = plane == 0 ? frame->height : frame->height / 2;
                    for (int y = 0; y < rows; ++y)
                        noise.fillRange(reinterpret_cast<quint32 *>(frame->data[plane] +
                                                                    y * frame->linesize[plane]),
                                        (plane == 0 ? frame->width : frame->width / 2) / 4);
                }
                encoder.encode(index, kEpochMicros + index * 1000, sink);
            }
        };
        encodeSeconds(0, 2);
        const double before = bytes * 8.0 / 1000.0 / 2.0;
        encoder.setBitrate(300);
        encodeSeconds(60, 1); // the one-second VBV empties
        bytes = 0;
        encodeSeconds(90, 2);
        const double after = bytes * 8.0 / 1000.0 / 2.0;
        QVERIFY2(before > 1500 && before < 2500, qPrintable(QString::number(before)));
        QVERIFY2(after > 150 && after < 400, qPrintable(QString::number(after)));
    }
};

QTEST_GUILESS_MAIN(TestVideoEncoder)
#include "tst_video_encoder.moc"
