// A streamer goes live with nova-broadcaster on the real stack and stops: PENDING -> ACTIVE ->
// RECONNECTING -> COMPLETED, an HLS ladder named by the stream id (a 720p source gets itself and
// 480p, H.264 + AAC, every attribute players choose by, the capture-time SEI and clock), its
// history recorded, and a wrong key refused without changing anything. Keys and the stack's secrets
// never show in a URL or a log.

#include "shared/capture_timestamp_sei.h"
#include "tests/support/broadcaster_process.h"
#include "tests/support/hls_playlist_reader.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace nova;
using namespace nova::test;

namespace {
QJsonObject streamState(const QString &id)
{
    return publicCall("GET", QStringLiteral("/api/v1/streams/") + id).json();
}

// Runs a tool of the ffmpeg package and returns its standard output.
QByteArray runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30'000) || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput();
}

QStringList segmentsOf(const QByteArray &playlist)
{
    QStringList segments;
    for (const QByteArray &line : playlist.split('\n')) {
        if (!line.isEmpty() && !line.startsWith('#'))
            segments.append(QString::fromUtf8(line.trimmed()));
    }
    return segments;
}
} // namespace

class TestBroadcasterLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void aStreamGoesLiveIsWatchableAtItsSizeAndBelowAndEnds()
    {
        const QJsonObject created = createStream(QStringLiteral("lifecycle test"));
        const QString id = created.value(u"id").toString();
        const QString key = created.value(u"stream_key").toString();
        const QString hlsUrl = created.value(u"hls_url").toString();
        QCOMPARE(created.value(u"status").toString(), QStringLiteral("PENDING"));
        QVERIFY(hlsUrl.contains(id));
        m_keys << key;

        BroadcasterProcess broadcaster;
        broadcaster.start({"--rtmp-url", created.value(u"rtmp_url").toString(), "--size",
                           "1280x720", "--fps", "30", "--bitrate", "2000k", "--duration", "12"},
                          key);
        QVERIFY2(broadcaster.waitForEvent(QStringLiteral("live"), 10'000),
                 qPrintable(broadcaster.standardError()));

        // Live: ACTIVE, with a start time.
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));
        QVERIFY(!streamState(id).value(u"started_at").isNull());

        // A master playlist under the id, never the key: the source and the one tier below it
        // (the default tiers are 1080p, 720p, 480p: 720p is the source's own height).
        QByteArray master;
        QVERIFY2(pollUntil(
                     [&] {
                         const HttpResult result = httpCall("GET", QUrl(hlsUrl));
                         master = result.body;
                         return result.status == 200 && !segmentsOf(master).isEmpty();
                     },
                     15'000),
                 "no HLS master playlist appeared");
        QVERIFY(!master.contains(key.toUtf8()));
        QString error;
        const std::optional<HlsMaster> ladder = readMasterPlaylist(master, &error);
        QVERIFY2(ladder, qPrintable(error + u'\n' + QString::fromUtf8(master)));
        QVERIFY(ladder->independentSegments);
        const QStringList variants = segmentsOf(master);
        QCOMPARE(variants, (QStringList{"source/index.m3u8", "480p/index.m3u8"}));
        const QList<int> heights{720, 480};
        const QStringList resolutions{"1280x720", "854x480"};
        static const QRegularExpression kCodecs(
            QStringLiteral("^avc1\\.64[0-9a-f]{4},mp4a\\.40\\.2$"));
        for (qsizetype v = 0; v < variants.size(); ++v) {
            const QHash<QString, QString> &attributes = ladder->variants[v].attributes;
            QVERIFY2(kCodecs.match(attributes.value("CODECS")).hasMatch(),
                     qPrintable(attributes.value("CODECS")));
            QCOMPARE(attributes.value("RESOLUTION"), resolutions[v]);
            QCOMPARE(attributes.value("FRAME-RATE"), "30.000");
            // Measured from what is sent: picture, sound and the transport's own bytes.
            const qint64 bandwidth = attributes.value("BANDWIDTH").toLongLong();
            const qint64 average = attributes.value("AVERAGE-BANDWIDTH").toLongLong();
            QVERIFY2(average > 300'000 && average <= bandwidth && bandwidth < 4'000'000,
                     qPrintable(QStringLiteral("%1 %2").arg(average).arg(bandwidth)));
        }

        QUrl sourceSegment;
        for (qsizetype v = 0; v < variants.size(); ++v) {
            const QUrl variantUrl = QUrl(hlsUrl).resolved(QUrl(variants.at(v)));
            QVERIFY(!variantUrl.toString().contains(key));
            QByteArray playlist;
            QVERIFY2(pollUntil(
                         [&] {
                             const HttpResult result = httpCall("GET", variantUrl);
                             playlist = result.body;
                             return result.status == 200 && !segmentsOf(playlist).isEmpty();
                         },
                         15'000),
                     qPrintable("no segment in " + variantUrl.toString()));
            const QUrl segmentUrl = variantUrl.resolved(QUrl(segmentsOf(playlist).first()));
            // Each segment says when its first picture was captured, from the broadcaster's SEI.
            const std::optional<HlsMedia> media = readMediaPlaylist(playlist, &error);
            QVERIFY2(media, qPrintable(error + u'\n' + QString::fromUtf8(playlist)));
            QCOMPARE(media->targetDuration, StackEnv::get().hlsSegmentSeconds);
            const QDateTime captured = media->segments.first().programDateTime;
            QVERIFY2(captured.isValid(), playlist.constData());
            const qint64 sinceCapture = captured.msecsTo(QDateTime::currentDateTimeUtc());
            QVERIFY2(sinceCapture >= 0 && sinceCapture < 30'000,
                     qPrintable(QString::number(sinceCapture)));
            if (v == 0)
                sourceSegment = segmentUrl;

            // Each variant decodes as H.264 at its height (and the source's rate) with AAC.
            const QJsonArray streams =
                QJsonDocument::fromJson(
                    runTool("ffprobe", {"-v", "error", "-print_format", "json", "-show_streams",
                                        segmentUrl.toString()}))
                    .object()
                    .value(u"streams")
                    .toArray();
            QStringList codecs;
            for (const QJsonValue &value : streams) {
                const QJsonObject s = value.toObject();
                codecs << s.value(u"codec_name").toString();
                if (s.value(u"codec_name").toString() == u"h264") {
                    QCOMPARE(s.value(u"height").toInt(), heights.at(v));
                    QCOMPARE(s.value(u"r_frame_rate").toString(), QStringLiteral("30/1"));
                }
            }
            codecs.sort();
            QCOMPARE(codecs, QStringList({"aac", "h264"}));
        }

        // The capture time survives ingest in the source's H.264 SEI, and it is recent.
        const QByteArray elementary =
            runTool("ffmpeg", {"-v", "error", "-i", sourceSegment.toString(), "-map", "0:v", "-c",
                               "copy", "-f", "h264", "-"});
        const auto captured =
            CaptureTimestampSei::find(elementary, CaptureTimestampSei::Framing::AnnexB);
        QVERIFY2(captured, "no capture-time SEI in the HLS segment");
        const qint64 ageMs = QDateTime::currentMSecsSinceEpoch() - *captured / 1000;
        QVERIFY2(ageMs >= 0 && ageMs < 60'000, qPrintable(QString::number(ageMs)));

        // The broadcaster ends by itself after --duration, cleanly. Over RTMP a streamer who stops
        // looks like one whose network dropped: the stream waits for it, until its owner (here an
        // operator) ends it.
        QVERIFY(broadcaster.waitForExit(20'000));
        QCOMPARE(broadcaster.exitCode(), 0);
        const auto stopped = broadcaster.waitForEvent(QStringLiteral("stopped"), 0);
        QVERIFY(stopped);
        QCOMPARE(stopped->value(u"reason").toString(), QStringLiteral("duration"));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"RECONNECTING"; }, 5000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QCOMPARE(statusOf(id), QStringLiteral("COMPLETED"));
        const QJsonObject ended = streamState(id);
        QVERIFY(!ended.value(u"ended_at").isNull());
        QVERIFY(ended.value(u"duration_seconds").toInt() >= 10);

        // Its history was recorded while it was live: measured bitrate, declared frame rate.
        const HttpResult history = publicCall("GET", "/api/v1/streams/" + id + "/metrics?step=5s");
        QCOMPARE(history.status, 200);
        const QJsonArray points = history.json().value(u"points").toArray();
        QVERIFY2(!points.isEmpty(), history.body.constData());
        for (const QJsonValue &point : points) {
            QVERIFY(point.toObject().value(u"bitrate_kbps").toDouble() > 50);
            QCOMPARE(point.toObject().value(u"fps").toDouble(), 30.0);
        }

        // Stats lines came once a second while live, telling how long pictures took from
        // capture to the network (read back from their SEI after the write; on loopback, well
        // under a second).
        int stats = 0;
        QList<double> captureToSend;
        for (const QJsonObject &event : broadcaster.events()) {
            if (event.value(u"event").toString() != u"stats")
                continue;
            ++stats;
            if (event.contains(u"capture_to_send_ms"))
                captureToSend.append(event.value(u"capture_to_send_ms").toDouble());
        }
        QVERIFY2(stats >= 9, qPrintable(QString::number(stats)));
        QVERIFY2(captureToSend.size() >= 5, qPrintable(QString::number(captureToSend.size())));
        for (const double ms : captureToSend)
            QVERIFY2(ms > 0 && ms < 1000, qPrintable(QString::number(ms)));
    }

    void aWrongKeyIsRefusedAndChangesNothing()
    {
        const QJsonObject created = createStream(QStringLiteral("wrong key test"));
        const QString id = created.value(u"id").toString();
        const QString key = created.value(u"stream_key").toString();
        m_keys << key;
        // The right selector with someone else's verifier: the hardest wrong key to refuse.
        const QString wrong = key.left(21) + QString(43, u'A');
        m_keys << wrong;

        BroadcasterProcess broadcaster;
        broadcaster.start({"--rtmp-url", created.value(u"rtmp_url").toString(), "--size", "320x180",
                           "--duration", "5"},
                          wrong);
        QVERIFY(broadcaster.waitForExit(15'000));
        QCOMPARE(broadcaster.exitCode(), 5);
        const auto stopped = broadcaster.waitForEvent(QStringLiteral("stopped"), 0);
        QVERIFY(stopped);
        QVERIFY2(stopped->value(u"message").toString().contains(u"stream key is wrong"),
                 qPrintable(stopped->value(u"message").toString()));

        const QJsonObject after = streamState(id);
        QCOMPARE(after.value(u"status").toString(), QStringLiteral("PENDING"));
        QVERIFY(after.value(u"started_at").isNull());
    }

    void aWrongKeyHookIsForbidden()
    {
        // What nginx-rtmp would send for a publisher with a wrong key.
        const QJsonObject created = createStream(QStringLiteral("hook test"));
        const QString id = created.value(u"id").toString();
        const QString wrong = created.value(u"stream_key").toString().left(21) + QString(43, u'B');
        m_keys << created.value(u"stream_key").toString() << wrong;
        QUrl hook = StackEnv::get().apiUrl;
        hook.setPath(QStringLiteral("/hooks/rtmp/on_publish"));
        const HttpResult refused = httpCall(
            "POST", hook,
            "app=live&addr=127.0.0.1&clientid=99&call=publish&type=live&name=" + wrong.toUtf8(),
            {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(statusOf(id), QStringLiteral("PENDING"));
    }

    void cleanupTestCase()
    {
        // No key, token or password of the stack reached any of its logs.
        QDirIterator secrets(StackEnv::get().stateDir + QStringLiteral("/secrets"), QDir::Files);
        while (secrets.hasNext()) {
            QFile secret(secrets.next());
            QVERIFY(secret.open(QIODevice::ReadOnly));
            m_keys << QString::fromUtf8(secret.readAll().trimmed());
        }
        QDirIterator logs(StackEnv::get().stateDir + QStringLiteral("/logs"), QDir::Files);
        while (logs.hasNext()) {
            QFile log(logs.next());
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QByteArray text = log.readAll();
            for (const QString &key : std::as_const(m_keys))
                QVERIFY2(!text.contains(key.toUtf8()),
                         qPrintable(log.fileName() + QStringLiteral(" holds a key")));
        }
    }

private:
    QStringList m_keys;
};

QTEST_GUILESS_MAIN(TestBroadcasterLifecycle)
#include "tst_broadcaster_lifecycle.moc"
