// Two nova-server replicas share PostgreSQL and Redis (NOVA_REPLICAS=2): viewers on one see events
// caused by hooks on either, the viewer count is the sum over both, and each live stream is probed
// by one replica only; a token revoked on one is refused by the other within a second.

#include "tests/support/accounts.h"
#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace nova;
using namespace nova::test;

class TestTwoReplicas : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QString output;
        QVERIFY2(StackControl::up(&output, 2), qPrintable(output));
        QUrl ready = replicaUrl(2);
        ready.setPath("/readyz");
        QCOMPARE(httpCall("GET", ready).status, 200);
    }

    void viewersOnEitherReplicaSeeTheSameStream()
    {
        const QJsonObject stream = createStream("two replicas");
        const QString id = stream.value(u"id").toString();
        std::vector<std::unique_ptr<LiveClient>> viewers;
        for (int i = 0; i < 5; ++i) {
            viewers.push_back(
                std::make_unique<LiveClient>(id, QString(), replicaUrl(i < 2 ? 1 : 2)));
            QVERIFY(viewers.back()->waitConnected());
        }
        LiveClient operatorOnTwo({}, {}, replicaUrl(2));
        QVERIFY(operatorOnTwo.waitConnected());

        BroadcasterProcess broadcaster;
        broadcaster.start({"--rtmp-url", stream.value(u"rtmp_url").toString(), "--size", "320x180",
                           "--bitrate", "300k"},
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));

        // The hooks reached one replica or the other; every viewer hears of it within 2 s.
        for (const auto &viewer : viewers)
            QVERIFY(viewer->waitFor("stream_started", 2000));
        QVERIFY(operatorOnTwo.waitFor("stream_started", 2000));

        // The count is the sum over the replicas, told to everyone, and shown by both.
        for (const auto &viewer : viewers)
            QVERIFY(viewer->waitFor("viewer_count_changed", 8000, [](const LiveEvent &e) {
                return e.data.value(u"viewer_count").toInt() == 5;
            }));
        QCOMPARE(viewerCountOn(1, id), 5);
        QCOMPARE(viewerCountOn(2, id), 5);

        // One probe for the stream: one stream_metrics a second, not one per replica.
        QVERIFY(pollUntil([&] { return viewers.back()->eventsNamed("stream_metrics").size() >= 5; },
                          10'000));
        const auto metrics = viewers.back()->eventsNamed("stream_metrics");
        const qint64 spanMs = metrics.first().timestamp.msecsTo(metrics.last().timestamp);
        QVERIFY2(spanMs >= (metrics.size() - 1) * 800, qPrintable(QString::number(spanMs)));

        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        for (const auto &viewer : viewers)
            QVERIFY(viewer->waitFor("stream_interrupted", 3000));
        // Ended on replica 2: told on both, once.
        QCOMPARE(operatorCallOn(2, "DELETE", "/api/v1/streams/" + id).status, 200);
        for (const auto &viewer : viewers) {
            QVERIFY(viewer->waitFor("stream_ended", 3000));
            QCOMPARE(viewer->eventsNamed("stream_ended").size(), 1);
        }
    }

    void aTokenRevokedOnOneReplicaIsRefusedByTheOtherWithinASecond()
    {
        const Person streamer = makeAccount("streamer");
        // Both replicas have seen the token work, so each answers from memory.
        for (int replica : {1, 2})
            QCOMPARE(callAs(streamer.token, "GET", "/api/v1/me", {}, replica).status, 200);

        QElapsedTimer sinceRevoking; // from the request, which replica 1 answers after commit
        sinceRevoking.start();
        QCOMPARE(callAs(adminToken(), "DELETE", "/api/v1/tokens/" + streamer.tokenId, {}, 1).status,
                 200);
        const qint64 answered = sinceRevoking.elapsed();
        QVERIFY2(
            pollUntil(
                [&] { return callAs(streamer.token, "GET", "/api/v1/me", {}, 2).status == 401; },
                1000, 10),
            "replica 2 still accepts the revoked token after a second");
        qInfo().noquote() << QStringLiteral("revocation answered by replica 1 in %1 ms; refused by "
                                            "replica 2 %2 ms after it was asked")
                                 .arg(answered)
                                 .arg(sinceRevoking.elapsed());
        QCOMPARE(callAs(streamer.token, "GET", "/api/v1/me", {}, 1).status, 401);
    }

    void cleanupTestCase()
    {
        QString output;
        QVERIFY2(StackControl::up(&output, 1), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestTwoReplicas)
#include "tst_two_replicas.moc"
