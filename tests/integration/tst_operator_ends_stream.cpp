// An operator ends a live stream: it completes, the publisher is dropped and told so, ending it
// again is harmless, and the stream cannot be published again.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"

#include <QTest>

using namespace nova::test;

class TestOperatorEndsStream : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void endingALiveStreamDropsItsPublisher()
    {
        const QJsonObject created = createStream("ended by operator");
        const QString id = created.value(u"id").toString();
        BroadcasterProcess broadcaster;
        broadcaster.start({"--rtmp-url", created.value(u"rtmp_url").toString(), "--size", "320x180",
                           "--bitrate", "300k"},
                          created.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));

        const HttpResult ended = operatorCall("DELETE", "/api/v1/streams/" + id);
        QCOMPARE(ended.status, 200);
        QCOMPARE(ended.json().value(u"status").toString(), QStringLiteral("COMPLETED"));
        QVERIFY(!ended.json().value(u"ended_at").isNull());

        // The publisher is cut off at once, and its broadcaster says so and stops.
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(broadcaster.exitCode(), 6);

        // Ending it again changes nothing and is not an error.
        const HttpResult again = operatorCall("DELETE", "/api/v1/streams/" + id);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(u"ended_at"), ended.json().value(u"ended_at"));

        // The key is spent.
        BroadcasterProcess retry;
        retry.start({"--rtmp-url", created.value(u"rtmp_url").toString(), "--size", "320x180",
                     "--duration", "3"},
                    created.value(u"stream_key").toString());
        QVERIFY(retry.waitForExit(15'000));
        QCOMPARE(retry.exitCode(), 5);
    }

    void endingAPendingStreamCompletesIt()
    {
        const QString id = createStream("never went live").value(u"id").toString();
        const HttpResult ended = operatorCall("DELETE", "/api/v1/streams/" + id);
        QCOMPARE(ended.status, 200);
        QCOMPARE(ended.json().value(u"status").toString(), QStringLiteral("COMPLETED"));
        QVERIFY(ended.json().value(u"started_at").isNull());
        QCOMPARE(ended.json().value(u"duration_seconds").toInt(-1), 0);
    }

    void endingNeedsTheTokenAndAStream_data()
    {
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("status");
        QTest::addRow("no token") << false << QUuid::createUuid().toString(QUuid::WithoutBraces)
                                  << 401;
        QTest::addRow("unknown stream")
            << true << QUuid::createUuid().toString(QUuid::WithoutBraces) << 404;
        QTest::addRow("malformed id") << true << "42" << 400;
    }
    void endingNeedsTheTokenAndAStream()
    {
        QFETCH(bool, withToken);
        QFETCH(QString, id);
        QFETCH(int, status);
        const QString path = "/api/v1/streams/" + id;
        QCOMPARE((withToken ? operatorCall("DELETE", path) : publicCall("DELETE", path)).status,
                 status);
    }
};

QTEST_GUILESS_MAIN(TestOperatorEndsStream)
#include "tst_operator_ends_stream.moc"
