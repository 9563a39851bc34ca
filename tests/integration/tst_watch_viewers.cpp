// What a watch page relies on, on the real stack: a stream says it is playable (the API's
// `playable`, the hub's stream_playable) only once its master playlist and a first segment of every
// rendition are served, and soon after it goes live; a viewer who only plays HLS counts through
// its reports, once even with its socket open too, and leaves the count when it says so; reports
// that are malformed, absurd or a flood are refused, counted, and change nothing.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/replica_metrics.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace nova::test;

namespace {
// A watch page's report as it arrives at the first replica, body as it is.
HttpResult rawReport(const QString &streamId, const QByteArray &body,
                     const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    return httpCall(
        "POST",
        replicaUrl(1).resolved(QUrl(QStringLiteral("/api/v1/streams/%1/viewers").arg(streamId))),
        body, headers);
}

HttpResult report(const QString &streamId, const QJsonObject &body,
                  const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    return rawReport(streamId, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

// The count of `streamId` as an operator's console hears it.
bool countReaches(LiveClient &console, const QString &streamId, int viewers, int timeoutMs)
{
    return console
        .waitFor(QStringLiteral("viewer_count_changed"), timeoutMs,
                 [&](const nova::LiveEvent &event) {
                     return event.streamId.toString(QUuid::WithoutBraces) == streamId &&
                            event.data.value(u"viewer_count").toInt() == viewers &&
                            // only what came after what the test has already seen
                            event.seq > console.property("seenSeq").toLongLong();
                 })
        .has_value();
}

// What the console heard of `streamId` so far is old news (seqs run per stream).
void markSeen(LiveClient &console, const QString &streamId)
{
    qint64 seq = 0;
    for (const nova::LiveEvent &event : console.events()) {
        if (event.streamId.toString(QUuid::WithoutBraces) == streamId)
            seq = std::max(seq, event.seq);
    }
    console.setProperty("seenSeq", seq);
}

double rejected(const char *reason)
{
    return metricOnAllReplicas(
        QByteArray("nova_streaming_viewer_reports_rejected_total{reason=\"") + reason + "\"}");
}

QStringList largePicture(const QJsonObject &stream)
{
    // Tall enough for a rendition below it (480p): "every rendition" is more than one.
    return {"--rtmp-url", stream.value(u"rtmp_url").toString(), "--size", "960x540", "--bitrate",
            "1200k"};
}
} // namespace

class TestWatchViewers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void aStreamIsPlayableWhenItSaysSo()
    {
        const QJsonObject stream = createStream("playable when it says so");
        const QString id = stream.value(u"id").toString();
        QVERIFY2(stream.value(u"watch_url").toString().endsWith("/watch/" + id),
                 qPrintable(stream.value(u"watch_url").toString()));
        QCOMPARE(publicCall("GET", "/api/v1/streams/" + id).json().value(u"playable"), false);

        LiveClient viewer(id, "0");
        QVERIFY(viewer.waitConnected());
        BroadcasterProcess broadcaster;
        QElapsedTimer sincePublish;
        sincePublish.start();
        broadcaster.start(largePicture(stream), stream.value(u"stream_key").toString());
        const auto playable = viewer.waitFor("stream_playable", 20'000);
        QVERIFY2(playable, qPrintable(broadcaster.standardError()));
        qInfo("publish to stream_playable: %lld ms", sincePublish.elapsed());
        const auto started = viewer.waitFor("stream_started", 0);
        QVERIFY(started);
        QVERIFY(started->seq < playable->seq);
        QCOMPARE(playable->data.value(u"hls_url").toString(), stream.value(u"hls_url").toString());
        QCOMPARE(playable->data.value(u"watch_url").toString(),
                 stream.value(u"watch_url").toString());

        // What it said holds at once: the master playlist and every variant's first segment.
        const HttpResult master = httpCall("GET", QUrl(stream.value(u"hls_url").toString()));
        QCOMPARE(master.status, 200);
        QStringList variants;
        for (const QByteArray &line : master.body.split('\n')) {
            if (!line.isEmpty() && !line.startsWith('#'))
                variants.append(QString::fromUtf8(line.trimmed()));
        }
        QVERIFY2(variants.size() >= 2, master.body.constData());
        for (const QString &variant : variants) {
            const HttpResult media =
                httpCall("GET", QUrl(stream.value(u"hls_url").toString()).resolved(QUrl(variant)));
            QCOMPARE(media.status, 200);
            QVERIFY2(media.body.contains("#EXTINF"), qPrintable(variant));
        }
        QCOMPARE(publicCall("GET", "/api/v1/streams/" + id).json().value(u"playable"), true);

        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QVERIFY(viewer.waitFor("stream_ended", 5000));
        QCOMPARE(publicCall("GET", "/api/v1/streams/" + id).json().value(u"playable"), false);
        QCOMPARE(viewer.eventsNamed("stream_playable").size(), 1);
    }

    void anHlsOnlyViewerCountsOnceWhileItReports()
    {
        const QJsonObject stream = createStream("watched in a browser");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        QVERIFY2(broadcaster.goLive(stream), qPrintable(broadcaster.standardError()));
        LiveClient console;
        QVERIFY(console.waitConnected());
        markSeen(console, id);

        const QString page = QStringLiteral("hls-only-viewer-0001");
        const QJsonObject playing{
            {"viewer", page}, {"rendition", "source"}, {"latency_ms", 2400}, {"stalls", 0}};
        QCOMPARE(report(id, playing).status, 204);
        QVERIFY(countReaches(console, id, 1, 8000));
        QVERIFY(pollUntil([&] { return viewerCountOn(1, id) == 1; }, 5000));

        // Another viewer, with a socket of its own, makes two.
        markSeen(console, id);
        LiveClient other(id);
        QVERIFY(other.waitConnected());
        QVERIFY(countReaches(console, id, 2, 8000));

        // The page's own socket, and more reports, are the same person: once the other viewer
        // goes, one is left, not two.
        LiveClient socket(id, {}, {}, page);
        QVERIFY(socket.waitConnected());
        QCOMPARE(report(id, playing).status, 204);
        markSeen(console, id);
        other.close();
        QVERIFY(countReaches(console, id, 1, 8000));
        QVERIFY(pollUntil([&] { return viewerCountOn(1, id) == 1; }, 5000));

        // The page goes: its socket closes and its last report says it leaves.
        markSeen(console, id);
        socket.close();
        QCOMPARE(report(id, {{"viewer", page}, {"leaving", true}}).status, 204);
        QVERIFY(countReaches(console, id, 0, 8000));

        // Its latency reached the histogram, under its rendition.
        QVERIFY(metricOnAllReplicas(
                    "nova_streaming_viewer_latency_seconds_count{rendition=\"source\"}") >= 2);
        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }

    void badReportsAreRefusedAndChangeNothing()
    {
        const QJsonObject stream = createStream("bad reports");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        QVERIFY2(broadcaster.goLive(stream), qPrintable(broadcaster.standardError()));
        const double malformed = rejected("malformed");
        const double absurd = rejected("absurd");
        const double latencies =
            metricOnAllReplicas("nova_streaming_viewer_latency_seconds_count{rendition=\"480p\"}");

        HttpResult garbage = rawReport(id, "\x01not json");
        QCOMPARE(garbage.status, 400);
        QCOMPARE(garbage.errorCode(), QStringLiteral("invalid_json"));
        QCOMPARE(rawReport(id, R"({"viewer":"short"})").status, 400);
        HttpResult negative = report(
            id,
            {{"viewer", "absurd-viewer-00001"}, {"rendition", "480p"}, {"latency_ms", -40'000}});
        QCOMPARE(negative.status, 400);
        QCOMPARE(negative.errorCode(), QStringLiteral("out_of_range"));
        QCOMPARE(report(QUuid::createUuid().toString(QUuid::WithoutBraces),
                        {{"viewer", "nobody-watches-0001"}})
                     .status,
                 404);

        QVERIFY(pollUntil([&] { return rejected("malformed") >= malformed + 2; }, 3000));
        QCOMPARE(rejected("absurd"), absurd + 1);
        QCOMPARE(
            metricOnAllReplicas("nova_streaming_viewer_latency_seconds_count{rendition=\"480p\"}"),
            latencies);
        QCOMPARE(viewerCountOn(1, id), 0);

        // One address flooding (as the watch page's proxy names it) is stopped; others are not.
        const QList<QPair<QByteArray, QByteArray>> flooder{{"X-Real-IP", "198.51.100.23"}};
        const double limited = rejected("rate_limited");
        int refusedAfter = -1;
        for (int i = 0; i < 200 && refusedAfter < 0; ++i) {
            const HttpResult result = report(id, {{"viewer", "flooding-viewer-0001"}}, flooder);
            if (result.status == 429) {
                refusedAfter = i;
                QVERIFY(!result.header("Retry-After").isEmpty());
            } else {
                QCOMPARE(result.status, 204);
            }
        }
        QVERIFY2(refusedAfter >= 10, "a page that reports every few seconds must never meet it");
        QVERIFY(rejected("rate_limited") > limited);
        QCOMPARE(report(id, {{"viewer", "another-viewer-0001"}}, {{"X-Real-IP", "198.51.100.24"}})
                     .status,
                 204);

        // An ended stream takes no more reports.
        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QCOMPARE(report(id, {{"viewer", "late-viewer-000001"}}).status, 409);
    }
};

QTEST_MAIN(TestWatchViewers)
#include "tst_watch_viewers.moc"
