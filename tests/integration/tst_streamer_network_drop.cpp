// A streamer's own network drops (the broadcaster killed outright: to the server that is what a
// lost Wi-Fi or a stalled socket looks like), with nginx and everything else up. The stream waits
// RECONNECTING; the same key within the grace resumes the same stream: same id and URLs, viewers
// stay connected and miss nothing, the start time and the peak carry on, and the HLS playlist goes
// on after a discontinuity. A streamer who never comes back is completed once the grace has run
// out (not before), and everyone is told once.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace nova;
using namespace nova::test;

namespace {
QJsonObject streamState(const QString &id)
{
    return publicCall("GET", QStringLiteral("/api/v1/streams/") + id).json();
}

// The source variant's playlist of a stream whose HLS is being written, once it has `segments`.
QByteArray sourcePlaylist(const QJsonObject &stream, int segments, int timeoutMs)
{
    const QUrl master(stream.value(u"hls_url").toString());
    QByteArray playlist;
    pollUntil(
        [&] {
            const HttpResult result = httpCall("GET", master.resolved(QUrl("source/index.m3u8")));
            playlist = result.status == 200 ? result.body : QByteArray();
            return playlist.count("#EXTINF") >= segments;
        },
        timeoutMs);
    return playlist;
}

qint64 mediaSequence(const QByteArray &playlist)
{
    for (const QByteArray &line : playlist.split('\n'))
        if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:"))
            return line.mid(22).trimmed().toLongLong();
    return -1;
}

bool listedAs(const QString &status, const QString &id)
{
    const QJsonArray streams =
        publicCall("GET", "/api/v1/streams?status=" + status).json().value(u"streams").toArray();
    return std::ranges::any_of(
        streams, [&](const QJsonValue &stream) { return stream[u"id"].toString() == id; });
}
} // namespace

class TestStreamerNetworkDrop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QVERIFY2(StackEnv::get().reconnectGraceSeconds > 0, "NOVA_RECONNECT_GRACE_S is not set");
    }

    void aDroppedStreamerResumesTheSameStreamWithinTheGrace()
    {
        const QJsonObject stream = createStream("network blip");
        const QString id = stream.value(u"id").toString();
        const QString key = stream.value(u"stream_key").toString();
        BroadcasterProcess first;
        first.start(smallPicture(stream), key);
        QVERIFY2(first.waitForEvent("live", 10'000), qPrintable(first.standardError()));
        LiveClient viewer(id, "0");
        QVERIFY(viewer.waitConnected());
        QVERIFY(viewer.waitFor("stream_started", 5000));
        const QByteArray before = sourcePlaylist(stream, 2, 20'000);
        QVERIFY2(!before.isEmpty(), "no HLS before the drop");
        const QString startedAt = streamState(id).value(u"started_at").toString();

        first.kill();
        QVERIFY(first.waitForExit(5000));
        const auto interrupted = viewer.waitFor("stream_interrupted", 5000);
        QVERIFY(interrupted);
        QCOMPARE(interrupted->data.value(u"grace_seconds").toInt(),
                 StackEnv::get().reconnectGraceSeconds);
        QCOMPARE(statusOf(id), QStringLiteral("RECONNECTING"));
        QVERIFY(listedAs("reconnecting", id));
        QVERIFY(!listedAs("active", id));

        // Back with the same key: the same stream goes on.
        BroadcasterProcess second;
        second.start(smallPicture(stream), key);
        QVERIFY2(second.waitForEvent("live", 10'000), qPrintable(second.standardError()));
        QVERIFY(viewer.waitFor("stream_resumed", 5000));
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));
        const QJsonObject resumed = streamState(id);
        QCOMPARE(resumed.value(u"started_at").toString(), startedAt);
        QCOMPARE(resumed.value(u"hls_url").toString(), stream.value(u"hls_url").toString());
        QCOMPARE(viewer.socket().state(), QAbstractSocket::ConnectedState);
        QVERIFY(viewer.eventsNamed("stream_ended").isEmpty());
        QVERIFY(seqsRunWithoutGaps(viewer.events()));

        // The playlist goes on where it was, and tells players the picture restarted.
        const QByteArray after = sourcePlaylist(stream, before.count("#EXTINF") + 2, 20'000);
        QVERIFY2(after.contains("#EXT-X-DISCONTINUITY"), after.constData());
        QVERIFY2(mediaSequence(after) >= mediaSequence(before), after.constData());
        QVERIFY(!after.contains("#EXT-X-ENDLIST"));

        second.interrupt();
        QVERIFY(second.waitForExit(10'000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QVERIFY(viewer.waitFor("stream_ended", 5000));
        QCOMPARE(viewer.eventsNamed("stream_ended").size(), 1);
    }

    void aStreamerWhoNeverComesBackIsCompletedWhenTheGraceRunsOut()
    {
        const QJsonObject stream = createStream("gone for good");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        QVERIFY2(broadcaster.goLive(stream), qPrintable(broadcaster.standardError()));
        LiveClient viewer(id);
        QVERIFY(viewer.waitConnected());
        LiveClient console;
        QVERIFY(console.waitConnected());
        QVERIFY(pollUntil([&] { return streamState(id).value(u"duration_seconds").toInt() >= 2; },
                          10'000));

        broadcaster.kill();
        QVERIFY(viewer.waitFor("stream_interrupted", 5000));
        QElapsedTimer sinceDrop;
        sinceDrop.start();
        const int grace = StackEnv::get().reconnectGraceSeconds;
        const auto ended = viewer.waitFor("stream_ended", (grace + 5) * 1000);
        QVERIFY2(ended, qPrintable(statusOf(id)));
        // The grace is kept: nobody gave up on the streamer early.
        QVERIFY2(sinceDrop.elapsed() >= grace * 1000 - 1500,
                 qPrintable(QString::number(sinceDrop.elapsed())));
        QCOMPARE(ended->data.value(u"status").toString(), QStringLiteral("COMPLETED"));
        QCOMPARE(statusOf(id), QStringLiteral("COMPLETED"));

        // It ended when its streamer left, not when the grace ran out.
        const QJsonObject record = streamState(id);
        const QDateTime endedAt =
            QDateTime::fromString(record.value(u"ended_at").toString(), Qt::ISODateWithMs);
        const QDateTime interruptedAt = viewer.waitFor("stream_interrupted", 0)->timestamp;
        QVERIFY2(qAbs(endedAt.msecsTo(interruptedAt)) < 2000,
                 qPrintable(record.value(u"ended_at").toString()));
        QVERIFY(record.value(u"duration_seconds").toInt() >= 2);
        QVERIFY(console.waitFor("stream_ended", 3000,
                                [&](const LiveEvent &e) { return e.streamId == QUuid(id); }));
        QCOMPARE(viewer.eventsNamed("stream_ended").size(), 1);

        // Its key now opens nothing.
        BroadcasterProcess late;
        late.start(smallPicture(stream), stream.value(u"stream_key").toString());
        QVERIFY(late.waitForExit(15'000));
        QCOMPARE(late.exitCode(), 5);
    }
};

QTEST_GUILESS_MAIN(TestStreamerNetworkDrop)
#include "tst_streamer_network_drop.moc"
