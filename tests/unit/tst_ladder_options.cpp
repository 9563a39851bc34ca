// nova-hls-ladder's command line as nginx-rtmp's exec gives it: the stream id makes the input URL
// and the output folder, and nothing else may; every bad value is refused with what is wrong.

#include "ladder/cli/ladder_options.h"

#include <QTest>

#include <thread>

using nova::parseLadderOptions;

namespace {
const QString kId = QStringLiteral("3838564a-10a2-4f97-82b9-0787ac64d5d3");
}

class TestLadderOptions : public QObject
{
    Q_OBJECT

private slots:
    void nginxsLineIsRead()
    {
        QString error;
        const auto options = parseLadderOptions({"nova-hls-ladder",
                                                 "--input",
                                                 "rtmp://127.0.0.1:1935/playback",
                                                 "--output",
                                                 "/var/lib/nova/hls",
                                                 "--log",
                                                 "/var/log/ladder.log",
                                                 "--segment-seconds",
                                                 "4",
                                                 "--playlist-segments",
                                                 "8",
                                                 "--renditions",
                                                 "720p:2500k,360p:800k",
                                                 "--max-behind",
                                                 "10",
                                                 "--transcode-slots",
                                                 "3",
                                                 "--slots-dir",
                                                 "/run/nova/slots",
                                                 kId},
                                                &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->settings.input, "rtmp://127.0.0.1:1935/playback/" + kId);
        QCOMPARE(options->settings.directory, "/var/lib/nova/hls/" + kId);
        QCOMPARE(options->log, "/var/log/ladder.log");
        QCOMPARE(options->settings.segmentSeconds, 4.0);
        QCOMPARE(options->settings.playlistSegments, 8);
        QCOMPARE(options->settings.tiers.size(), 2);
        QCOMPARE(options->settings.tiers[1].bitsPerSecond, 800'000);
        QCOMPARE(options->settings.maxSecondsBehind, 10.0);
        QCOMPARE(options->settings.transcodeSlots, 3);
        QCOMPARE(options->settings.slotsDirectory, "/run/nova/slots");
    }

    void defaultsAreTheDocumentedOnes()
    {
        QString error;
        const auto options = parseLadderOptions(
            {"nova-hls-ladder", "--input", "in", "--output", "out", kId}, &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->settings.segmentSeconds, 2.0);
        QCOMPARE(options->settings.playlistSegments, 6);
        QCOMPARE(options->settings.tiers, nova::defaultTiers());
        QCOMPARE(options->settings.maxSecondsBehind, 4.0);
        QVERIFY(options->log.isEmpty());
        QCOMPARE(options->settings.transcodeSlots, int(std::thread::hardware_concurrency()));
        QVERIFY(options->settings.slotsDirectory.endsWith("/nova-hls-ladder-slots"));
    }

    void badLinesAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        const QStringList io{"--input", "in", "--output", "out"};
        QTest::newRow("a path for an id")
            << (io + QStringList{"../../etc"}) << "is not a stream id";
        QTest::newRow("an id with more") << (io + QStringList{kId + "/x"}) << "is not a stream id";
        QTest::newRow("no id") << io << "give one stream id";
        QTest::newRow("two ids") << (io + QStringList{kId, kId}) << "give one stream id";
        QTest::newRow("no output") << QStringList{"--input", "in", kId} << "--input and --output";
        QTest::newRow("no value") << QStringList{kId, "--input"} << "--input needs a value";
        QTest::newRow("unknown") << (io + QStringList{"--fast", "1", kId})
                                 << "unknown option --fast";
        QTest::newRow("bad tiers") << (io + QStringList{"--renditions", "720", kId})
                                   << "--renditions: '720' is not a tier";
        QTest::newRow("zero segments") << (io + QStringList{"--segment-seconds", "0", kId})
                                       << "--segment-seconds takes 1 to 30";
        QTest::newRow("half a playlist") << (io + QStringList{"--playlist-segments", "2.5", kId})
                                         << "--playlist-segments takes 2 to 100";
        QTest::newRow("negative slots") << (io + QStringList{"--transcode-slots", "-1", kId})
                                        << "--transcode-slots takes 0 (no limit) to 1000";
        QTest::newRow("no patience")
            << (io + QStringList{"--max-behind", "x", kId}) << "--max-behind takes 1 to 600";
    }
    void badLinesAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        arguments.prepend("nova-hls-ladder");
        QString error;
        QVERIFY(!parseLadderOptions(arguments, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestLadderOptions)
#include "tst_ladder_options.moc"
