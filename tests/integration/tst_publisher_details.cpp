// The live publisher as an operator inspects it (GET /streams/{id}/publisher: what it sends, from
// where, through which ingest node) and drops it alone (DELETE): the stream waits in RECONNECTING
// and the broadcaster comes back on the same stream.

#include "tests/support/accounts.h"
#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"

#include <QJsonArray>
#include <QTest>

using namespace nova::test;

namespace {

QString publisherPath(const QString &id)
{
    return "/api/v1/streams/" + id + "/publisher";
}

// A stream owned by `owner`, created with their token.
QJsonObject createStreamAs(const Person &owner, const QString &title)
{
    const HttpResult created = callAs(owner.token, "POST", "/api/v1/streams", {{"title", title}});
    if (created.status != 201)
        qWarning("creating a stream as %s: HTTP %d", qPrintable(owner.name), created.status);
    return created.json();
}

bool auditedAs(const QString &id, const QString &action)
{
    const HttpResult page = callAs(adminToken(), "GET", "/api/v1/audit?limit=200");
    for (const QJsonValue &entry : page.json().value(u"entries").toArray()) {
        const QJsonObject e = entry.toObject();
        if (e.value(u"target").toString() == "stream:" + id &&
            e.value(u"action").toString() == action)
            return true;
    }
    return false;
}

} // namespace

class TestPublisherDetails : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void theLivePublisherIsDescribed()
    {
        const QJsonObject stream = createStream("publisher details");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        broadcaster.start(smallPicture(stream, {"--fps", "25"}),
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));

        // The keyframe interval is measured from the second keyframe the probe reads.
        HttpResult details;
        QVERIFY2(pollUntil(
                     [&] {
                         details = operatorCall("GET", publisherPath(id));
                         return details.status == 200 && details.json()
                                                             .value(u"video")
                                                             .toObject()
                                                             .value(u"keyframe_interval_s")
                                                             .isDouble();
                     },
                     15'000, 250),
                 qPrintable(QString::fromUtf8(details.body)));
        const QJsonObject json = details.json();
        QCOMPARE(json.value(u"ingest").toString(), QStringLiteral("ingest-1"));
        QCOMPARE(json.value(u"address").toString(), QStringLiteral("127.0.0.1"));
        const QJsonObject video = json.value(u"video").toObject();
        QCOMPARE(video.value(u"codec").toString(), QStringLiteral("H264"));
        QVERIFY(!video.value(u"profile").toString().isEmpty());
        QCOMPARE(video.value(u"width").toInt(), 320);
        QCOMPARE(video.value(u"height").toInt(), 180);
        QVERIFY2(qAbs(video.value(u"fps").toDouble() - 25) <= 2,
                 qPrintable(QString::number(video.value(u"fps").toDouble())));
        // The broadcaster sends a keyframe every second.
        QVERIFY2(qAbs(video.value(u"keyframe_interval_s").toDouble() - 1.0) <= 0.05,
                 qPrintable(QString::number(video.value(u"keyframe_interval_s").toDouble())));
        const QJsonObject audio = json.value(u"audio").toObject();
        QCOMPARE(audio.value(u"codec").toString(), QStringLiteral("AAC"));
        QCOMPARE(audio.value(u"sample_rate").toInt(), 48000);
        QCOMPARE(audio.value(u"channels").toInt(), 2);
        // nginx averages what it receives over a few seconds: within reach of the 300k asked.
        QVERIFY(pollUntil(
            [&] {
                const double kbps =
                    operatorCall("GET", publisherPath(id)).json().value(u"bitrate_kbps").toDouble();
                return kbps > 100 && kbps < 900;
            },
            15'000, 500));
        // Never the key.
        QVERIFY(!details.body.contains(stream.value(u"stream_key").toString().toUtf8()));
    }

    void aStreamWithoutPublisherHasNone()
    {
        const QString pending = createStream("no publisher yet").value(u"id").toString();
        const HttpResult none = operatorCall("GET", publisherPath(pending));
        QCOMPARE(none.status, 404);
        QCOMPARE(none.errorCode(), QStringLiteral("no_publisher"));
        const HttpResult dropNone = operatorCall("DELETE", publisherPath(pending));
        QCOMPARE(dropNone.status, 404);
        QCOMPARE(statusOf(pending), QStringLiteral("PENDING"));
        QCOMPARE(
            operatorCall("GET", publisherPath(QUuid::createUuid().toString(QUuid::WithoutBraces)))
                .status,
            404);
        QCOMPARE(operatorCall("GET", publisherPath("42")).status, 400);
    }

    void theOwnerMayLookButOnlyAnOperatorDrops()
    {
        const Person owner = makeAccount("streamer");
        const Person stranger = makeAccount("streamer");
        QVERIFY(!owner.token.isEmpty() && !stranger.token.isEmpty());
        const QJsonObject stream = createStreamAs(owner, "owner looks at the publisher");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        QVERIFY2(broadcaster.goLive(stream), qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        QVERIFY(pollUntil(
            [&] { return callAs(owner.token, "GET", publisherPath(id)).status == 200; }, 5000));
        QCOMPARE(callAs(stranger.token, "GET", publisherPath(id)).status, 403);
        QCOMPARE(publicCall("GET", publisherPath(id)).status, 401);
        QCOMPARE(callAs(owner.token, "DELETE", publisherPath(id)).status, 403);
        QCOMPARE(publicCall("DELETE", publisherPath(id)).status, 401);
        // None of these changed anything.
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));
        QVERIFY(broadcaster.isRunning());
    }

    void droppingThePublisherLetsTheBroadcasterComeBack()
    {
        const QJsonObject stream = createStream("publisher dropped by operator");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        broadcaster.start(smallPicture(stream, {"--reconnect"}),
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        const HttpResult dropped = operatorCall("DELETE", publisherPath(id));
        QCOMPARE(dropped.status, 200);
        QCOMPARE(dropped.json().value(u"status").toString(), QStringLiteral("RECONNECTING"));
        QCOMPARE(dropped.json().value(u"id").toString(), id);
        QVERIFY(auditedAs(id, "stream.publisher_dropped"));

        // The broadcaster lost its connection, says so, and is back on the same stream.
        QVERIFY2(broadcaster.waitForEvent("reconnecting", 10'000),
                 qPrintable(broadcaster.standardError()));
        QVERIFY2(broadcaster.waitForNthEvent("live", 2, 20'000),
                 qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 10'000));
        QVERIFY(
            pollUntil([&] { return operatorCall("GET", publisherPath(id)).status == 200; }, 5000));
        QVERIFY(broadcaster.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestPublisherDetails)
#include "tst_publisher_details.moc"
