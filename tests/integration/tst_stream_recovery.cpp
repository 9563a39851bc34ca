// Streams survive what goes wrong around them: a second publisher with the same key takes over,
// a stream whose nginx died (and with it every callback) is interrupted by the reconciler and
// completed after the grace, a killed nginx master leaves no worker behind to block a restart,
// and a stream stays ACTIVE through a nova-server restart.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace nova::test;

class TestStreamRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void theNewestPublisherTakesOver()
    {
        const QJsonObject stream = createStream("takeover");
        const QString id = stream.value(u"id").toString();
        const QString key = stream.value(u"stream_key").toString();
        BroadcasterProcess first;
        first.start(smallPicture(stream), key);
        QVERIFY2(first.waitForEvent("live", 10'000), qPrintable(first.standardError()));

        // An encoder reconnecting on a new connection while nginx still holds the old one.
        BroadcasterProcess second;
        second.start(smallPicture(stream, {"--duration", "5"}), key);
        QVERIFY2(second.waitForEvent("live", 10'000), qPrintable(second.standardError()));
        QVERIFY(first.waitForExit(10'000)); // dropped by the server
        QCOMPARE(first.exitCode(), 6);
        QCOMPARE(statusOf(id),
                 QStringLiteral("ACTIVE")); // the old publisher's done changed nothing

        QVERIFY(second.waitForExit(15'000));
        QCOMPARE(second.exitCode(), 0);
        QVERIFY(pollUntil([&] { return statusOf(id) == u"RECONNECTING"; }, 5000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }

    void aStreamWhoseNginxDiedIsCompletedByTheReconciler()
    {
        const QJsonObject stream = createStream("orphan");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        QVERIFY2(broadcaster.goLive(stream), qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        // nginx dies with its publisher on it: no on_publish_done will ever come.
        QVERIFY(StackControl::killNginx());
        QVERIFY(broadcaster.waitForExit(15'000));
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));
        // issue 11: a script can tell the stack is not whole.
        QString output;
        QCOMPARE(StackControl::status(&output), 1);
        QVERIFY2(output.contains(QRegularExpression(QStringLiteral("nginx +dead"))),
                 qPrintable(output));

        QVERIFY2(StackControl::up(&output), qPrintable(output));
        QCOMPARE(StackControl::status(&output), 0);
        // nginx is back without the stream: the reconciler notices the publisher is gone, and
        // once the reconnect grace has run out (counted from its last sign of life) completes it.
        QVERIFY2(pollUntil([&] { return statusOf(id) != u"ACTIVE"; }, 30'000),
                 qPrintable(statusOf(id)));
        QVERIFY2(pollUntil([&] { return statusOf(id) == u"COMPLETED"; },
                           (StackEnv::get().reconnectGraceSeconds + 5) * 1000),
                 qPrintable(statusOf(id)));
    }

    void aKilledNginxMasterLeavesNoWorkerHoldingThePorts()
    {
        // The master dies alone (SIGKILL, the OOM killer): its worker stays, holding the ports.
        const QList<qint64> workers = StackControl::nginxWorkers();
        QVERIFY(!workers.isEmpty());
        QVERIFY(StackControl::killNginxMaster());
        QVERIFY(pollUntil([&] { return StackControl::status() == 1; }, 5000));
        // The stack ends what is left of nginx and starts it again, by itself.
        QString output;
        QVERIFY2(StackControl::up(&output), qPrintable(output));
        QCOMPARE(StackControl::status(&output), 0);
        for (const qint64 worker : workers)
            QVERIFY2(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(worker)),
                     qPrintable(QString::number(worker)));
        QVERIFY(!StackControl::nginxWorkers().isEmpty());
    }

    void aStreamStaysActiveThroughAServerRestartAndCompletesNormally()
    {
        const QJsonObject stream = createStream("server restart");
        const QString id = stream.value(u"id").toString();
        const int unansweredBefore = StackControl::unansweredUpdates();
        BroadcasterProcess broadcaster;
        broadcaster.start(smallPicture(stream, {"--duration", "60"}),
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));

        LiveClient viewer(id);
        QVERIFY(viewer.waitConnected());
        QVERIFY(StackControl::stopServer());
        QCOMPARE(publicCall("GET", "/healthz").status, 0);
        // WebSocket clients were told the server was going away before it went.
        QVERIFY(viewer.waitClosed(3000));
        QCOMPARE(viewer.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        // Stay down until nginx has checked on its publisher at least once (every 5 s in the local
        // stack): a check nobody answers must not drop it.
        QVERIFY(pollUntil([&] { return StackControl::unansweredUpdates() > unansweredBefore; },
                          15'000));
        QString output;
        QVERIFY2(StackControl::up(&output), qPrintable(output));
        // Nothing is cached yet: readers arriving together share one database read, and every one
        // of them is answered.
        QNetworkAccessManager network;
        QList<QNetworkReply *> readers;
        for (int i = 0; i < 8; ++i)
            readers.append(network.get(
                QNetworkRequest(StackEnv::get().apiUrl.resolved(QUrl("/api/v1/streams/" + id)))));
        QVERIFY(pollUntil([&] { return std::ranges::all_of(readers, &QNetworkReply::isFinished); },
                          10'000, 10));
        for (QNetworkReply *reader : std::as_const(readers)) {
            QCOMPARE(reader->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QCOMPARE(QJsonDocument::fromJson(reader->readAll())["status"].toString(),
                     QStringLiteral("ACTIVE"));
        }
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));

        // The broadcaster never noticed (it is still live), and its end reaches the new server.
        QCOMPARE(broadcaster.state(), QProcess::Running);
        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(broadcaster.exitCode(), 0);
        QVERIFY(pollUntil([&] { return statusOf(id) == u"RECONNECTING"; }, 5000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestStreamRecovery)
#include "tst_stream_recovery.moc"
