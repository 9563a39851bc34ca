// nginx-rtmp's callbacks as nginx sends them, straight to nova-server: reconnects without a done
// callback, stale dones, on_update refusals, on_play, the wrong-key rate limit, and fast answers
// when PostgreSQL stops answering.

#include "tests/support/hook_forms.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace nova::test;

namespace {
using Fields = QList<QPair<QString, QString>>;

// A distinct documentation-range address per test run, so runs do not share a rate limit.
QString freshAddress()
{
    static int next = QRandomGenerator::global()->bounded(1, 200);
    return QStringLiteral("203.0.113.%1").arg(next++);
}
} // namespace

class TestIngestHooks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void aReconnectWithoutDoneKeepsTheStreamAndItsLateDoneIsIgnored()
    {
        const QJsonObject stream = createStream("reconnect");
        const QString id = stream.value(u"id").toString();
        const QString key = stream.value(u"stream_key").toString();

        const HttpResult first = hookCall("on_publish", publishFields(key, "9001"));
        QCOMPARE(first.status, 302);
        QCOMPARE(first.header("Location"), id.toLatin1());
        // The encoder reconnects; nginx never sent the first connection's done.
        const HttpResult second = hookCall("on_publish", publishFields(key, "9002"));
        QCOMPARE(second.status, 302);
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));

        // The first connection's done arrives late: it must not end the stream.
        const HttpResult staleDone = hookCall("on_publish_done", doneFields(key, "9001"));
        QCOMPARE(staleDone.status, 200);
        QCOMPARE(staleDone.json().value(u"status").toString(), QStringLiteral("ignored"));
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));

        // nginx's periodic check: the current publisher may go on, the replaced one may not.
        QCOMPARE(hookCall("on_update", updateFields(key, "9002")).status, 200);
        const HttpResult replaced = hookCall("on_update", updateFields(key, "9001"));
        QCOMPARE(replaced.status, 409);
        QCOMPARE(replaced.errorCode(), QStringLiteral("publisher_replaced"));

        // The publisher leaves: the stream waits for it, and the same key resumes the same stream.
        const HttpResult done = hookCall("on_publish_done", doneFields(key, "9002"));
        QCOMPARE(done.json().value(u"status").toString(), QStringLiteral("reconnecting"));
        QCOMPARE(statusOf(id), QStringLiteral("RECONNECTING"));
        QCOMPARE(hookCall("on_update", updateFields(key, "9002")).status, 409); // it was given up
        const HttpResult resumed = hookCall("on_publish", publishFields(key, "9003"));
        QCOMPARE(resumed.status, 302);
        QCOMPARE(resumed.header("Location"), id.toLatin1());
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));

        // Ended by an operator: at once, even while it waits for its publisher.
        QCOMPARE(hookCall("on_publish_done", doneFields(key, "9003")).status, 200);
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QCOMPARE(statusOf(id), QStringLiteral("COMPLETED"));

        // A completed stream cannot be published again, and nginx's check refuses its publisher.
        const HttpResult again = hookCall("on_publish", publishFields(key, "9004"));
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("stream_ended"));
        QCOMPARE(hookCall("on_update", updateFields(key, "9003")).status, 409);
    }

    void playingIsOnlyForLiveStreams()
    {
        const QJsonObject stream = createStream("play check");
        const QString id = stream.value(u"id").toString();
        const Fields play{{"app", "playback"}, {"addr", "127.0.0.1"}, {"clientid", "77"},
                          {"call", "play"},    {"name", id},          {"start", "0"}};
        QCOMPARE(hookCall("on_play", play).status, 409); // PENDING
        QCOMPARE(hookCall("on_publish", publishFields(stream.value(u"stream_key").toString(), "78"))
                     .status,
                 302);
        QCOMPARE(hookCall("on_play", play).status, 200);
        Fields unknown = play;
        unknown[4].second = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(hookCall("on_play", unknown).status, 404);
        unknown[4].second = "not-an-id";
        QCOMPARE(hookCall("on_play", unknown).status, 404);
        QCOMPARE(hookCall("on_play_done", {{"call", "play_done"}, {"name", id}}).status, 200);
        QCOMPARE(
            hookCall("on_publish_done", doneFields(stream.value(u"stream_key").toString(), "78"))
                .status,
            200);
    }

    void malformedHooksAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addRow("no call") << "on_publish"
                                 << "name=x&addr=1.2.3.4" << 400;
        QTest::addRow("wrong call") << "on_publish"
                                    << "call=play&name=x" << 400;
        QTest::addRow("no name") << "on_publish"
                                 << "call=publish&addr=1.2.3.4" << 400;
        QTest::addRow("not a key") << "on_publish"
                                   << "call=publish&name=hello&addr=ADDRESS" << 403;
        QTest::addRow("not a form") << "on_publish_done"
                                    << "=&=" << 400;
        QTest::addRow("unknown hook") << "on_record_done"
                                      << "call=record_done&name=x" << 404;
    }
    void malformedHooksAreRefusedAndChangeNothing()
    {
        QFETCH(QString, hook);
        QFETCH(QString, body);
        QFETCH(int, status);
        QUrl url = StackEnv::get().apiUrl;
        url.setPath("/hooks/rtmp/" + hook);
        body.replace("ADDRESS", freshAddress()); // wrong keys count against their address
        const HttpResult result = httpCall("POST", url, body.toUtf8(),
                                           {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(result.status, status);
    }

    void wrongKeysAreRateLimitedPerAddress()
    {
        const QJsonObject stream = createStream("rate limit");
        const QString key = stream.value(u"stream_key").toString();
        const QString wrong = key.left(21) + QString(43, u'C');
        const QString guesser = freshAddress();
        const QString other = freshAddress();

        for (int i = 0; i < 5; ++i)
            QCOMPARE(hookCall("on_publish", publishFields(wrong, "1", guesser)).status, 403);
        const HttpResult limited = hookCall("on_publish", publishFields(wrong, "1", guesser));
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.header("Retry-After").toInt() > 0);
        QCOMPARE(statusOf(stream.value(u"id").toString()), QStringLiteral("PENDING"));
        // Nobody else is slowed...
        QCOMPARE(hookCall("on_publish", publishFields(wrong, "3", other)).status, 403);
        // ...and the right key is never held back, even from the guessing address (a stranger
        // behind the same NAT must not lock a streamer out).
        QCOMPARE(hookCall("on_publish", publishFields(key, "2", guesser)).status, 302);
        QCOMPARE(statusOf(stream.value(u"id").toString()), QStringLiteral("ACTIVE"));
        QCOMPARE(hookCall("on_publish", publishFields(wrong, "4", guesser)).status, 429);
        QCOMPARE(hookCall("on_publish_done", doneFields(key, "2")).status, 200);
    }

    void hooksAnswerFastWhenPostgresStopsAnswering()
    {
        const QJsonObject stream = createStream("slow database");
        const QString key = stream.value(u"stream_key").toString();
        QElapsedTimer timer;
        {
            PostgresPause pause;
            QVERIFY(pause.paused);
            timer.start();
            const HttpResult result = hookCall("on_publish", publishFields(key, "4"));
            const qint64 elapsed = timer.elapsed();
            // A clear refusal within the query deadline (2 s), well before nginx's own 10 s.
            QCOMPARE(result.status, 503);
            QVERIFY2(elapsed < 4000, qPrintable(QString::number(elapsed)));
            QCOMPARE(publicCall("GET", "/readyz").status, 503);
        }
        // Back to normal once PostgreSQL answers again; the refused publish changed nothing.
        QVERIFY(pollUntil([] { return publicCall("GET", "/readyz").status == 200; }, 10'000));
        QCOMPARE(statusOf(stream.value(u"id").toString()), QStringLiteral("PENDING"));
    }
};

QTEST_GUILESS_MAIN(TestIngestHooks)
#include "tst_ingest_hooks.moc"
