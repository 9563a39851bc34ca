// The playlists the ladder writes, read back by a strict reader as a player reads them: every
// attribute a player chooses by (CODECS, RESOLUTION, FRAME-RATE, the bandwidths), the live
// window, discontinuities and the capture clock.

#include "ladder/playlist/codec_string.h"
#include "ladder/playlist/master_playlist.h"
#include "ladder/playlist/media_playlist.h"
#include "shared/qt_compat.h"
#include "tests/support/hls_playlist_reader.h"

#include <QTest>

using namespace nova;
using namespace nova::test;

class TestHlsPlaylists : public QObject
{
    Q_OBJECT

private slots:
    void h264CodecStringsComeFromTheSps()
    {
        // avcC as FLV carries it: version 1, High profile (0x64), no constraints, level 3.1.
        const QByteArray avcc = QByteArray::fromHex("0164001fffe100");
        QCOMPARE(avcCodecString(avcc), "avc1.64001f");
        // Annex B as an encoder's global header: SPS of Constrained Baseline, level 3.0.
        const QByteArray annexB = QByteArray::fromHex("00000001"
                                                      "6742c01e"
                                                      "aabbcc"
                                                      "00000001"
                                                      "68ce");
        QCOMPARE(avcCodecString(annexB), "avc1.42c01e");
        const QByteArray ppsOnly = QByteArray::fromHex("00000001"
                                                       "68ce3c80");
        QCOMPARE(avcCodecString(ppsOnly), QString());
        QCOMPARE(avcCodecString({}), QString());
    }

    void aacCodecStringsComeFromTheAudioConfig()
    {
        QCOMPARE(aacCodecString(QByteArray::fromHex("1190")), "mp4a.40.2");  // LC, 48 kHz
        QCOMPARE(aacCodecString(QByteArray::fromHex("2b92")), "mp4a.40.5");  // HE-AAC
        QCOMPARE(aacCodecString(QByteArray::fromHex("f8e0")), "mp4a.40.39"); // escaped type
        QCOMPARE(aacCodecString(QByteArray::fromHex("f8")), QString());      // cut short
        QCOMPARE(aacCodecString({}), QString());
    }

    void theMasterPlaylistNamesEveryAttributePlayersChooseBy()
    {
        const QByteArray text = masterPlaylist({
            {"source/index.m3u8", 3'300'000, 2'900'000, "avc1.640028,mp4a.40.2", 1920, 1080, 30},
            {"720p/index.m3u8", 3'400'000, 3'100'000, "avc1.64001f,mp4a.40.2", 1280, 720, 29.97},
        });
        QString error;
        const std::optional<HlsMaster> master = readMasterPlaylist(text, &error);
        QVERIFY2(master, qPrintable(error));
        QVERIFY(master->independentSegments);
        QCOMPARE(master->variants.size(), 2);
        const HlsVariantEntry &source = master->variants[0];
        QCOMPARE(source.uri, "source/index.m3u8");
        QCOMPARE(source.attributes.value("BANDWIDTH"), "3300000");
        QCOMPARE(source.attributes.value("AVERAGE-BANDWIDTH"), "2900000");
        QCOMPARE(source.attributes.value("CODECS"), "avc1.640028,mp4a.40.2");
        QCOMPARE(source.attributes.value("RESOLUTION"), "1920x1080");
        QCOMPARE(source.attributes.value("FRAME-RATE"), "30.000");
        QCOMPARE(master->variants[1].attributes.value("FRAME-RATE"), "29.970");
        QCOMPARE(master->variants[1].attributes.size(), 5);
    }

    void whatIsNotKnownIsLeftOutRatherThanGuessed()
    {
        const QByteArray text = masterPlaylist({{"source/index.m3u8", 900'000, 0, {}, 0, 0, 0}});
        QString error;
        const std::optional<HlsMaster> master = readMasterPlaylist(text, &error);
        QVERIFY2(master, qPrintable(error));
        QCOMPARE(master->variants[0].attributes.keys(), QStringList{"BANDWIDTH"});
    }

    void theMediaPlaylistSlidesItsWindow()
    {
        MediaPlaylist playlist(3, 2.0);
        QList<MediaSegment> left;
        const qint64 t0 = utcDateTime(QDate(2026, 12, 2), QTime(18, 0)).toMSecsSinceEpoch();
        for (int i = 0; i < 5; ++i) {
            left += playlist.append(
                {QStringLiteral("seg_%1.ts").arg(i), 2.0, 250'000, t0 + i * 2000, i == 3});
        }
        QCOMPARE(left.size(), 2);
        QCOMPARE(left[0].uri, "seg_0.ts");
        QString error;
        const std::optional<HlsMedia> media = readMediaPlaylist(playlist.render(), &error);
        QVERIFY2(media, qPrintable(error));
        QCOMPARE(media->mediaSequence, 2);
        QCOMPARE(media->targetDuration, 2);
        QVERIFY(media->independentSegments);
        QCOMPARE(media->segments.size(), 3);
        QCOMPARE(media->segments[0].uri, "seg_2.ts");
        QCOMPARE(media->segments[0].programDateTime.toMSecsSinceEpoch(), t0 + 4000);
        QVERIFY(!media->segments[0].discontinuity);
        QVERIFY(media->segments[1].discontinuity);
        QCOMPARE(media->discontinuitySequence, 0);
        QCOMPARE(playlist.peakBitsPerSecond(), 1'000'000);
        QCOMPARE(playlist.averageBitsPerSecond(), 1'000'000);

        // Once the discontinuity has left the window, the sequence counts it.
        playlist.append({"seg_5.ts", 2.0, 250'000, {}, false});
        playlist.append({"seg_6.ts", 2.0, 250'000, {}, false});
        const std::optional<HlsMedia> later = readMediaPlaylist(playlist.render(), &error);
        QVERIFY2(later, qPrintable(error));
        QCOMPARE(later->discontinuitySequence, 1);
        QVERIFY(!later->segments[1].programDateTime.isValid()); // seg_5 has no capture clock
    }

    void aLongSegmentRaisesTheTargetDuration()
    {
        // A key frame every 5 s against a 2 s target: the target must bound every segment.
        MediaPlaylist playlist(6, 2.0);
        playlist.append({"seg_0.ts", 2.0, 1000, {}, false});
        playlist.append({"seg_1.ts", 5.005, 1000, {}, false});
        QString error;
        const std::optional<HlsMedia> media = readMediaPlaylist(playlist.render(), &error);
        QVERIFY2(media, qPrintable(error));
        QCOMPARE(media->targetDuration, 5);
        QCOMPARE(playlist.peakBitsPerSecond(), 4000);
    }

    void theReaderRefusesWhatPlayersRefuse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("no header") << QByteArray("#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n");
        QTest::newRow("no bandwidth") << QByteArray("#EXTM3U\n#EXT-X-STREAM-INF:CODECS=\"x\"\na\n");
        QTest::newRow("unterminated")
            << QByteArray("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"x\na\n");
        QTest::newRow("twice") << QByteArray(
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,BANDWIDTH=2\na\n");
        QTest::newRow("no uri") << QByteArray("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n");
        QTest::newRow("trailing comma")
            << QByteArray("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,\na\n");
    }
    void theReaderRefusesWhatPlayersRefuse()
    {
        QFETCH(QByteArray, text);
        QString error;
        QVERIFY(!readMasterPlaylist(text, &error));
        QVERIFY(!error.isEmpty());
    }

    void quotedValuesKeepTheirCommas()
    {
        QString error;
        const auto attributes =
            readAttributes(u"BANDWIDTH=1,CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=2x2", &error);
        QVERIFY2(attributes, qPrintable(error));
        QCOMPARE(attributes->value("CODECS"), "avc1.64001f,mp4a.40.2");
        QCOMPARE(attributes->value("RESOLUTION"), "2x2");
    }
};

QTEST_GUILESS_MAIN(TestHlsPlaylists)
#include "tst_hls_playlists.moc"
