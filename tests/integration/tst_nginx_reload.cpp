// nginx reloaded (SIGHUP) mid-stream, as a configuration change does: a new worker takes new
// connections while the old one keeps its publishers until they leave, and the new worker's /stat
// no longer lists them. The stream stays ACTIVE all along, on the same connection, its viewers
// told nothing: the publisher's own on_update checks keep it alive whatever /stat says.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QTest>

#include <algorithm>

using namespace nova::test;

class TestNginxReload : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void anNginxReloadMidStreamLosesNeitherTheStreamNorItsViewers()
    {
        const QJsonObject stream = createStream("nginx reload");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        broadcaster.start(smallPicture(stream, {"--reconnect"}),
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));
        LiveClient viewer(id);
        QVERIFY(viewer.waitConnected());

        const QList<qint64> oldWorkers = StackControl::nginxWorkers();
        QVERIFY(StackControl::reloadNginx());
        // A new worker takes new connections; the old one keeps its publishers until they leave,
        // and the new one's /stat does not list them.
        QVERIFY(pollUntil(
            [&] {
                return std::ranges::any_of(StackControl::nginxWorkers(),
                                           [&](qint64 w) { return !oldWorkers.contains(w); });
            },
            10'000));
        // Longer than the reconciler's orphan silence (10 s) and two on_update checks: the
        // publisher's own checks keep the stream alive whatever /stat says.
        const int statsBefore =
            int(std::ranges::count_if(broadcaster.events(), [](const QJsonObject &e) {
                return e.value(u"event").toString() == u"stats";
            }));
        QVERIFY(broadcaster.waitForNthEvent("stats", statsBefore + 15, 25'000));
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));
        QVERIFY(viewer.eventsNamed("stream_interrupted").isEmpty());
        QVERIFY(viewer.eventsNamed("stream_ended").isEmpty());
        QVERIFY(broadcaster.isRunning());
        QVERIFY(!broadcaster.waitForNthEvent("live", 2, 0)); // never even reconnected
        QCOMPARE(viewer.socket().state(), QAbstractSocket::ConnectedState);

        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestNginxReload)
#include "tst_nginx_reload.moc"
