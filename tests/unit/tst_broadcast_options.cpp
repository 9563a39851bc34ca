// nova-broadcaster's command line: the two ways to go live, defaults, and clear refusals.

#include "broadcaster/cli/broadcast_options.h"

#include <QDir>
#include <QTemporaryFile>
#include <QTest>

using nova::BroadcastOptions;
using nova::UsageError;

namespace {
BroadcastOptions parse(QStringList arguments, QProcessEnvironment environment = {})
{
    arguments.prepend(QStringLiteral("nova-broadcaster"));
    return BroadcastOptions::parse(arguments, environment);
}
} // namespace

class TestBroadcastOptions : public QObject
{
    Q_OBJECT

private slots:
    void apiModeCreatesTheStream()
    {
        const auto options = parse({"--headless", "--api", "http://127.0.0.1:8081", "--token",
                                    "t0k3n", "--title", "  Morning show "});
        QVERIFY(options.headless);
        QVERIFY(options.createsStream());
        QCOMPARE(options.token, QStringLiteral("t0k3n"));
        QCOMPARE(options.title, QStringLiteral("Morning show"));
        QVERIFY(options.settings.streamKey.isEmpty());
    }

    void rtmpModeUsesAnExistingStream()
    {
        const auto options = parse({"--headless", "--rtmp-url", "rtmp://127.0.0.1:1935/live",
                                    "--stream-key", "nvk_k", "--size", "640x360", "--fps", "25",
                                    "--bitrate", "1.5M", "--duration", "10"});
        QVERIFY(!options.createsStream());
        QCOMPARE(options.settings.ingestUrl, QStringLiteral("rtmp://127.0.0.1:1935/live"));
        QCOMPARE(options.settings.streamKey, QStringLiteral("nvk_k"));
        QCOMPARE(options.settings.video.format.width, 640);
        QCOMPARE(options.settings.video.format.height, 360);
        QCOMPARE(options.settings.video.format.fps, 25);
        QCOMPARE(options.settings.video.bitrateKbps, 1500);
        QCOMPARE(options.settings.duration, std::chrono::seconds(10));
        QVERIFY(options.settings.fallbackIngestUrls.isEmpty());
    }

    void severalRtmpUrlsAreIngestNodesTriedInTurn()
    {
        const auto options =
            parse({"--headless", "--rtmp-url", "rtmp://a:1935/live", "--rtmp-url",
                   "rtmp://b:1936/live", "--rtmp-url", "rtmp://c:1937/live", "--stream-key", "k"});
        QCOMPARE(options.settings.ingestUrl, QStringLiteral("rtmp://a:1935/live"));
        QCOMPARE(options.settings.fallbackIngestUrls,
                 (QStringList{"rtmp://b:1936/live", "rtmp://c:1937/live"}));
    }

    void defaults()
    {
        const auto options =
            parse({"--headless", "--rtmp-url", "rtmp://h/live", "--stream-key", "k"});
        QCOMPARE(options.settings.video.format.width, 1280);
        QCOMPARE(options.settings.video.format.height, 720);
        QCOMPARE(options.settings.video.format.fps, 30);
        QCOMPARE(options.settings.video.bitrateKbps, 2500);
        QCOMPARE(options.settings.video.preset, QStringLiteral("veryfast"));
        QCOMPARE(options.settings.duration, std::chrono::seconds(0));
        QVERIFY(options.settings.dynamicBitrate);
    }

    void theBitrateCanBeKeptFixed()
    {
        const auto options = parse(
            {"--headless", "--rtmp-url", "rtmp://h/live", "--stream-key", "k", "--fixed-bitrate"});
        QVERIFY(!options.settings.dynamicBitrate);
    }

    void secretsMayComeFromTheEnvironment()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("NOVA_STREAM_KEY"), QStringLiteral("from-env"));
        environment.insert(QStringLiteral("NOVA_ADMIN_TOKEN"), QStringLiteral("token-env"));
        QCOMPARE(parse({"--rtmp-url", "rtmp://h/live"}, environment).settings.streamKey,
                 QStringLiteral("from-env"));
        QCOMPARE(parse({"--api", "http://h:1", "--title", "x"}, environment).token,
                 QStringLiteral("token-env"));
    }

    void sourcesAreNamedOnTheCommandLine()
    {
        const QStringList rtmp{"--rtmp-url", "rtmp://h/live", "--stream-key", "k"};
        const QProcessEnvironment environment = [] {
            QProcessEnvironment e;
            e.insert(QStringLiteral("DISPLAY"), QStringLiteral(":5"));
            return e;
        }();
        const auto screen = parse(rtmp + QStringList{"--video", "screen:100,50,1280x720", "--audio",
                                                     "pulse:desk.monitor", "--audio", "pulse",
                                                     "--record", "/tmp/nova-show.mkv"},
                                  environment);
        QCOMPARE(screen.scene.video.kind, nova::VideoSourceSpec::Kind::Screen);
        QCOMPARE(screen.scene.video.region, QRect(100, 50, 1280, 720));
        QCOMPARE(screen.display, QStringLiteral(":5"));
        QCOMPARE(screen.scene.audio.size(), 2);
        QCOMPARE(screen.scene.audio.at(0).kind, nova::AudioSourceSpec::Kind::Pulse);
        QCOMPARE(screen.scene.audio.at(0).pulseSource, QStringLiteral("desk.monitor"));
        QVERIFY(screen.scene.audio.at(1).pulseSource.isEmpty()); // the default source
        QCOMPARE(screen.settings.recordPath, QStringLiteral("/tmp/nova-show.mkv"));
        QVERIFY(!screen.scene.overlay);

        // The test pattern keeps its tone; any other picture is silent unless asked.
        QCOMPARE(parse(rtmp).scene.audio.size(), 1);
        QCOMPARE(parse(rtmp).scene.audio.at(0).kind, nova::AudioSourceSpec::Kind::Synthetic);
        QVERIFY(parse(rtmp + QStringList{"--video", "screen"}).scene.audio.isEmpty());
        QVERIFY(parse(rtmp + QStringList{"--audio", "none"}).scene.audio.isEmpty());
        QVERIFY(parse(rtmp + QStringList{"--video", "screen"}).scene.video.region.isEmpty());

        const auto file =
            parse(rtmp + QStringList{"--video", "file:/srv/clip.mp4", "--pip", "camera:/dev/video2",
                                     "--pip-corner", "top-left", "--pip-size", "30"});
        QCOMPARE(file.scene.video.kind, nova::VideoSourceSpec::Kind::File);
        QCOMPARE(file.scene.video.path, QStringLiteral("/srv/clip.mp4"));
        QVERIFY(file.scene.overlay);
        QCOMPARE(file.scene.overlay->kind, nova::VideoSourceSpec::Kind::Camera);
        QCOMPARE(file.scene.overlay->device, QStringLiteral("/dev/video2"));
        QCOMPARE(file.scene.placement.corner, nova::PictureInPicture::Corner::TopLeft);
        QCOMPARE(file.scene.placement.widthFraction, 0.30);
        // A media file's own sound is heard, beside any --audio, unless --audio none.
        QVERIFY(file.scene.pictureSound);
        QVERIFY(file.scene.audio.isEmpty());
        const QStringList clip{"--video", "file:/srv/clip.mp4"};
        QVERIFY(parse(rtmp + clip + QStringList{"--audio", "pulse"}).scene.pictureSound);
        QVERIFY(!parse(rtmp + clip + QStringList{"--audio", "none"}).scene.pictureSound);
    }

    void aRecordingNeverWritesOverAnEarlierOne()
    {
        QTemporaryFile earlier(QDir::tempPath() + QStringLiteral("/nova-XXXXXX.mkv"));
        QVERIFY(earlier.open());
        try {
            parse({"--rtmp-url", "rtmp://h/live", "--stream-key", "k", "--record",
                   earlier.fileName()});
            QFAIL("expected a UsageError");
        } catch (const UsageError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(u"exists already"), error.what());
        }
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QStringList rtmp{"--rtmp-url", "rtmp://h/live", "--stream-key", "k"};
        QTest::addRow("neither mode")
            << QStringList{"--headless"} << QStringLiteral("either --api");
        QTest::addRow("both modes")
            << (rtmp + QStringList{"--api", "http://h"}) << QStringLiteral("either --api");
        QTest::addRow("api without token")
            << QStringList{"--api", "http://h", "--title", "x"} << QStringLiteral("--token");
        QTest::addRow("api without title")
            << QStringList{"--api", "http://h", "--token", "t"} << QStringLiteral("--title");
        QTest::addRow("api not http")
            << QStringList{"--api", "ftp://h", "--token", "t", "--title", "x"}
            << QStringLiteral("http(s)");
        QTest::addRow("rtmp without key")
            << QStringList{"--rtmp-url", "rtmp://h/live"} << QStringLiteral("--stream-key");
        QTest::addRow("a second rtmp url not rtmp")
            << QStringList{"--rtmp-url",    "rtmp://h/live", "--rtmp-url",
                           "http://h/live", "--stream-key",  "k"}
            << QStringLiteral("rtmp://");
        QTest::addRow("rtmp not rtmp")
            << QStringList{"--rtmp-url", "http://h/live", "--stream-key", "k"}
            << QStringLiteral("rtmp://");
        QTest::addRow("odd size") << (rtmp + QStringList{"--size", "641x360"})
                                  << QStringLiteral("--size");
        QTest::addRow("size words")
            << (rtmp + QStringList{"--size", "big"}) << QStringLiteral("--size");
        QTest::addRow("fps zero") << (rtmp + QStringList{"--fps", "0"}) << QStringLiteral("--fps");
        QTest::addRow("bitrate words")
            << (rtmp + QStringList{"--bitrate", "fast"}) << QStringLiteral("--bitrate");
        QTest::addRow("bitrate tiny")
            << (rtmp + QStringList{"--bitrate", "1k"}) << QStringLiteral("--bitrate");
        QTest::addRow("unknown preset")
            << (rtmp + QStringList{"--preset", "ludicrous"}) << QStringLiteral("--preset");
        QTest::addRow("negative duration")
            << (rtmp + QStringList{"--duration", "-1"}) << QStringLiteral("--duration");
        QTest::addRow("unknown option")
            << (rtmp + QStringList{"--colour", "red"}) << QStringLiteral("colour");
        QTest::addRow("stray argument") << (rtmp + QStringList{"extra"}) << QStringLiteral("extra");
        QTest::addRow("unknown video")
            << (rtmp + QStringList{"--video", "webcam"}) << QStringLiteral("--video must be");
        QTest::addRow("screen region words")
            << (rtmp + QStringList{"--video", "screen:left"}) << QStringLiteral("screen:X,Y,WxH");
        QTest::addRow("screen region odd") << (rtmp + QStringList{"--video", "screen:0,0,641x360"})
                                           << QStringLiteral("even sizes");
        QTest::addRow("file without path")
            << (rtmp + QStringList{"--video", "file:"}) << QStringLiteral("--video must be");
        QTest::addRow("unknown audio")
            << (rtmp + QStringList{"--audio", "alsa:hw0"}) << QStringLiteral("--audio must be");
        QTest::addRow("pulse with an empty name")
            << (rtmp + QStringList{"--audio", "pulse:"}) << QStringLiteral("--audio must be");
        QTest::addRow("pip unknown")
            << (rtmp + QStringList{"--pip", "webcam"}) << QStringLiteral("--pip must be");
        QTest::addRow("pip corner")
            << (rtmp + QStringList{"--pip", "camera", "--pip-corner", "middle"})
            << QStringLiteral("--pip-corner");
        QTest::addRow("pip too big") << (rtmp + QStringList{"--pip", "camera", "--pip-size", "80"})
                                     << QStringLiteral("--pip-size");
        QTest::addRow("record avi")
            << (rtmp + QStringList{"--record", "show.avi"}) << QStringLiteral(".mkv or .mp4");
    }
    void refusals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        try {
            parse(arguments);
            QFAIL("expected a UsageError");
        } catch (const UsageError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(mentions), error.what());
        }
    }

    void bitrates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kbps");
        QTest::addRow("k") << QStringLiteral("2500k") << 2500;
        QTest::addRow("K") << QStringLiteral("800K") << 800;
        QTest::addRow("M") << QStringLiteral("6M") << 6000;
        QTest::addRow("fractional M") << QStringLiteral("2.5m") << 2500;
        QTest::addRow("bits") << QStringLiteral("3000000") << 3000;
        QTest::addRow("empty") << QString() << 0;
        QTest::addRow("garbage") << QStringLiteral("lots") << 0;
        QTest::addRow("too high") << QStringLiteral("500M") << 0;
    }
    void bitrates()
    {
        QFETCH(QString, text);
        QFETCH(int, kbps);
        QCOMPARE(nova::parseBitrateKbps(text), kbps);
    }
};

QTEST_GUILESS_MAIN(TestBroadcastOptions)
#include "tst_broadcast_options.moc"
