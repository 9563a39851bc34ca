// PostgreSQL goes away and comes back, as it does in a failover. Blackholed for 30 s (every packet
// dropped, no reset: the worst case, which used to hold each connection for the kernel's TCP
// timeout of about 15 minutes): the server answers within its deadline meanwhile and recovers
// by itself within 10 s of PostgreSQL answering again. Restarted while a publisher leaves (its
// done answered 503, and nginx never retries): the stream still goes RECONNECTING and then
// COMPLETED, and its viewers are told both, once. Paused while a publisher leaves (its done
// answered 503 by the deadline, then run by PostgreSQL after all): the viewers are told, once.

#include "tests/support/accounts.h"
#include "tests/support/broadcaster_process.h"
#include "tests/support/hook_forms.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/port_blackhole.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace nova::test;

namespace {
constexpr int kBlackholeMs = 30'000;
constexpr int kRecoveryGoalMs = 10'000;

// A stream put live by a publisher, with one viewer connected to it.
struct WatchedStream
{
    QString id;
    BroadcasterProcess broadcaster;
    std::unique_ptr<LiveClient> viewer;
};

void goLiveWatched(const QString &title, WatchedStream &live)
{
    const QJsonObject stream = createStream(title);
    live.id = stream.value(u"id").toString();
    QVERIFY2(live.broadcaster.goLive(stream), qPrintable(live.broadcaster.standardError()));
    live.viewer = std::make_unique<LiveClient>(live.id);
    QVERIFY(live.viewer->waitConnected());
    QVERIFY(pollUntil([&] { return statusOf(live.id) == u"ACTIVE"; }, 5000));
}
} // namespace

class TestDatabaseFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QVERIFY(StackControl::postgresPort() > 0);
    }

    void aBlackholedDatabaseIsSurvivedAndRecoveredFromWithinSeconds()
    {
        const QJsonObject stream = createStream("database blackhole");
        const QString id = stream.value(u"id").toString();
        const QString key = stream.value(u"stream_key").toString();
        QCOMPARE(hookCall("on_publish", publishFields(key, "1")).status, 302);
        const Person streamer = makeAccount("streamer");
        QCOMPARE(callAs(streamer.token, "GET", "/api/v1/me").status, 200);
        // Well formed, never issued: this replica cannot know it without asking PostgreSQL.
        const QString unknownToken = QStringLiteral("nvt_0123456789abcdef_") + QString(43, u'A');

        int calls = 0;
        qint64 slowest = 0;
        {
            PortBlackhole blackhole(StackControl::postgresPort());
            QVERIFY2(blackhole.active(), qPrintable(blackhole.error()));
            QElapsedTimer held;
            held.start();
            // Every call meanwhile is answered, clearly and within its deadline (2 s, with room).
            const auto timed = [&](const auto &call) {
                QElapsedTimer timer;
                timer.start();
                const int status = call().status;
                slowest = std::max(slowest, timer.elapsed());
                ++calls;
                return status;
            };
            while (held.elapsed() < kBlackholeMs) {
                QCOMPARE(timed([&] { return hookCall("on_update", updateFields(key, "1")); }), 503);
                QCOMPARE(timed([] { return publicCall("GET", "/readyz"); }), 503);
                // A token this replica knows keeps working; one it does not is a clear 503.
                QCOMPARE(timed([&] { return callAs(streamer.token, "GET", "/api/v1/me"); }), 200);
                QCOMPARE(timed([&] { return callAs(unknownToken, "GET", "/api/v1/me"); }), 503);
            }
        }
        QVERIFY2(slowest < 4000, qPrintable(QString::number(slowest)));

        // PostgreSQL answers again: so does everything else, by itself, within seconds.
        QElapsedTimer recovery;
        recovery.start();
        QVERIFY(pollUntil(
            [&] {
                return publicCall("GET", "/readyz").status == 200 &&
                       hookCall("on_publish_done", doneFields(key, "1")).status == 200;
            },
            60'000, 100));
        const qint64 recoveredMs = recovery.elapsed();
        qInfo("blackhole %d s: %d calls answered, slowest %lld ms; recovered %lld ms after it "
              "lifted",
              kBlackholeMs / 1000, calls, slowest, recoveredMs);
        QVERIFY2(recoveredMs < kRecoveryGoalMs, qPrintable(QString::number(recoveredMs)));
        QCOMPARE(statusOf(id), QStringLiteral("RECONNECTING"));
        // The cache heard the change too: its listener came back as well.
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QVERIFY(pollUntil([&] { return statusOf(id) == u"COMPLETED"; }, 2000));
    }

    void aPublisherLeavingWhileTheDatabaseRestartsIsNotLost()
    {
        WatchedStream live;
        goLiveWatched("database restart", live);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(StackControl::stopPostgres());
        // The publisher leaves now: nginx's done is answered 503, and nginx never sends it again.
        live.broadcaster.kill();
        QVERIFY(live.broadcaster.waitForExit(5000));
        QString output;
        QVERIFY2(StackControl::up(&output), qPrintable(output));

        // The reconciler finds the publisher gone from nginx: nothing was lost with the done.
        const int grace = StackEnv::get().reconnectGraceSeconds;
        QVERIFY2(live.viewer->waitFor("stream_interrupted", 30'000), qPrintable(statusOf(live.id)));
        QVERIFY2(live.viewer->waitFor("stream_ended", (grace + 5) * 1000),
                 qPrintable(statusOf(live.id)));
        QCOMPARE(statusOf(live.id), QStringLiteral("COMPLETED"));
        QCOMPARE(live.viewer->eventsNamed("stream_interrupted").size(), 1);
        QCOMPARE(live.viewer->eventsNamed("stream_ended").size(), 1);
    }

    void aDoneAnsweredLateIsToldAllTheSame()
    {
        WatchedStream live;
        goLiveWatched("late done", live);
        if (QTest::currentTestFailed())
            return;

        const QByteArray late = "publish done not answered in time";
        const int before = StackControl::serverLogLines(late);
        QElapsedTimer sinceLeft;
        {
            PostgresPause pause;
            QVERIFY(pause.paused);
            live.broadcaster.kill();
            sinceLeft.start();
            QVERIFY(live.broadcaster.waitForExit(5000));
            // The done waits on PostgreSQL past its deadline and is answered 503.
            QVERIFY(pollUntil([&] { return StackControl::serverLogLines(late) > before; }, 15'000));
        }
        // PostgreSQL then runs it: the stream waits for its publisher, and the viewers are told.
        QVERIFY2(live.viewer->waitFor("stream_interrupted", 10'000), qPrintable(statusOf(live.id)));
        // By the done itself: the reconciler, which would find the publisher gone too, waits the
        // server's orphan grace (10 s) first.
        QVERIFY2(sinceLeft.elapsed() < 8000, qPrintable(QString::number(sinceLeft.elapsed())));
        QCOMPARE(statusOf(live.id), QStringLiteral("RECONNECTING"));
        QCOMPARE(live.viewer->eventsNamed("stream_interrupted").size(), 1);
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + live.id).status, 200);
        QVERIFY(live.viewer->waitFor("stream_ended", 5000));
        QVERIFY(seqsRunWithoutGaps(live.viewer->events()));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFaults)
#include "tst_database_faults.moc"
