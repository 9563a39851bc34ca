// A streamer's connection breaks and the broadcaster (--reconnect, as the window always does) gets
// the stream back by itself: nginx killed and restarted mid-stream, the broadcaster reconnects and
// the stream is ACTIVE again without the app ever exiting, and its local recording runs on
// through the outage; an operator who ends the stream gets a final "it has ended" instead of
// endless retries.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace nova::test;

class TestBroadcasterReconnects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void nginxRestartedMidStreamTheBroadcasterComesBackByItself()
    {
        const QJsonObject stream = createStream("reconnects after nginx restart");
        const QString id = stream.value(u"id").toString();
        QTemporaryDir dir;
        const QString recording = dir.filePath(QStringLiteral("show.mkv"));
        BroadcasterProcess broadcaster;
        broadcaster.start(smallPicture(stream, {"--reconnect", "--record", recording}),
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        QVERIFY(StackControl::killNginx());
        const auto reconnecting = broadcaster.waitForEvent("reconnecting", 15'000);
        QVERIFY2(reconnecting, qPrintable(broadcaster.standardError()));
        QVERIFY(reconnecting->value(u"in_ms").toInteger() >= 800);
        QVERIFY(broadcaster.isRunning());

        QString output;
        QVERIFY2(StackControl::up(&output), qPrintable(output));
        // Back on the same stream, by itself, while it is still running.
        QVERIFY2(broadcaster.waitForNthEvent("live", 2, 30'000),
                 qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));
        const auto statsLines =
            std::ranges::count_if(broadcaster.events(), [](const QJsonObject &e) {
                return e.value(u"event").toString() == u"stats";
            });
        QVERIFY(broadcaster.waitForNthEvent("stats", int(statsLines) + 2, 5000));
        QVERIFY(broadcaster.isRunning());

        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(broadcaster.exitCode(), 0);
        int reconnects = 0;
        for (const QJsonObject &event : broadcaster.events())
            if (event.value(u"event").toString() == u"stats")
                reconnects = std::max(reconnects, event.value(u"reconnects").toInt());
        QCOMPARE(reconnects, 1);
        // The recording holds every picture encoded, those of the outage too, in one file.
        const auto recorded = broadcaster.waitForEvent("recorded", 0);
        QVERIFY(recorded);
        const qint64 frames = recorded->value(u"frames").toInteger();
        qint64 encoded = 0;
        for (const QJsonObject &event : broadcaster.events())
            if (event.value(u"event").toString() == u"stats")
                encoded = std::max(encoded, event.value(u"frames_sent").toInteger());
        QVERIFY2(frames >= encoded && frames > 0, qPrintable(QString::number(frames)));
        QProcess probe;
        probe.start(QStringLiteral("ffprobe"),
                    {"-v", "error", "-count_packets", "-select_streams", "v:0", "-show_entries",
                     "stream=codec_name,nb_read_packets", "-of", "compact=p=0:nk=1", recording});
        QVERIFY(probe.waitForFinished(20'000));
        QCOMPARE(QString::fromUtf8(probe.readAllStandardOutput()).trimmed(),
                 QStringLiteral("h264|%1").arg(frames));
        // It stopped; the stream waits for it to come back until an operator ends it.
        QVERIFY(pollUntil([&] { return statusOf(id) == u"RECONNECTING"; }, 5000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QCOMPARE(statusOf(id), QStringLiteral("COMPLETED"));
    }

    void anOperatorEndingTheStreamEndsTheRetries()
    {
        const QJsonObject stream = createStream("ended while reconnecting");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        broadcaster.start(smallPicture(stream, {"--reconnect"}),
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));

        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        // Dropped, one attempt to come back, refused: the stream has ended, and it says so.
        QVERIFY(broadcaster.waitForExit(15'000));
        QCOMPARE(broadcaster.exitCode(), 5);
        const auto stopped = broadcaster.waitForEvent("stopped", 0);
        QVERIFY(stopped);
        QVERIFY2(stopped->value(u"message").toString().contains(u"it has ended"),
                 qPrintable(stopped->value(u"message").toString()));
        QCOMPARE(statusOf(id), QStringLiteral("COMPLETED"));
    }
};

QTEST_GUILESS_MAIN(TestBroadcasterReconnects)
#include "tst_broadcaster_reconnects.moc"
