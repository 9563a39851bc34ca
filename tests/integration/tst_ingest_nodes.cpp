// Two nginx-rtmp ingest nodes (NOVA_INGESTS=2) sharing one HLS directory: streams published to
// either go live and play; DELETE drops a publisher on the node that holds it; a node killed with
// live streams: their broadcasters come back through the other node and the streams go on with the
// same ids and URLs while viewers stay connected; a node gone for good: its streams complete after
// the grace and the other node's are untouched; a hook that names a node it cannot prove is
// ignored.

#include "console/dashboard/platform_dashboard.h"
#include "console/ingest/ingest_health_line.h"
#include "console/streams/stream_table_model.h"
#include "console/window/main_window.h"
#include "server/ingest/nginx_stat.h"
#include "tests/support/broadcaster_process.h"
#include "tests/support/hook_forms.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace nova;
using namespace nova::test;

namespace {
// Node 1's /stat and /control on NOVA_HLS_PORT, node 2's on the next port.
QUrl nodeHttp(int node)
{
    QUrl url = StackEnv::get().nginxUrl;
    url.setPort(url.port() + node - 1);
    return url;
}

std::optional<NginxStat> statOf(int node)
{
    QUrl url = nodeHttp(node);
    url.setPath(QStringLiteral("/stat"));
    const HttpResult result = httpCall("GET", url, {}, {}, 3000);
    return result.status == 200 ? NginxStat::parse(result.body) : std::nullopt;
}

// The nginx client id of the stream's publisher on `node`; empty when it is not publishing there.
QString publisherOn(int node, const QString &streamId)
{
    const auto stat = statOf(node);
    if (!stat)
        return {};
    for (const NginxStat::Stream &stream : stat->publishing(QStringLiteral("live"))) {
        if (stream.name == streamId)
            return stream.publisherClient.isEmpty() ? QStringLiteral("?") : stream.publisherClient;
    }
    return {};
}

QJsonObject streamInfo(const QString &id)
{
    return publicCall("GET", QStringLiteral("/api/v1/streams/") + id).json();
}

// What a node presents on its hooks: HMAC-SHA256 of its name under the hook secret.
QByteArray nodeSecret(const QString &node)
{
    const QByteArray hookSecret = qgetenv("NOVA_HOOK_SECRET");
    return QMessageAuthenticationCode::hash(node.toUtf8(), hookSecret, QCryptographicHash::Sha256)
        .toHex();
}

HttpResult hookAs(const QString &hook, const HookFields &fields,
                  const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QUrlQuery form;
    form.setQueryItems(fields);
    QUrl url = StackEnv::get().apiUrl;
    url.setPath(QStringLiteral("/hooks/rtmp/") + hook);
    auto all = headers;
    all.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    return httpCall("POST", url, form.toString(QUrl::FullyEncoded).toUtf8(), all);
}

// The console's line says `node` is up (or down), refreshing the dashboard until it does
// (Prometheus scrapes every 5 s).
bool consoleShows(MainWindow &window, const QString &node, bool up, int timeoutMs)
{
    return pollUntil(
        [&] {
            for (const IngestNodeHealth &shown : window.ingestLine()->nodes()) {
                if (shown.node == node && shown.up == up)
                    return true;
            }
            window.dashboard()->refresh();
            return false;
        },
        timeoutMs, 1000);
}

// With NOVA_SCREENSHOT_DIR set, the window as the operator sees it (for docs/images).
void screenshot(QWidget &window, const QString &name)
{
    if (const QString dir = qEnvironmentVariable("NOVA_SCREENSHOT_DIR"); !dir.isEmpty())
        window.grab().save(dir + u'/' + name);
}

ConsoleOptions consoleOptions()
{
    ConsoleOptions options;
    options.apiUrl = StackEnv::get().apiUrl;
    options.prometheusUrl = StackEnv::get().prometheusUrl;
    options.token = StackEnv::get().adminToken;
    return options;
}

// The stream's master playlist as node `node` serves it from the shared HLS directory.
int playlistStatusOn(int node, const QString &id)
{
    QUrl url = nodeHttp(node);
    url.setPath(QStringLiteral("/hls/%1/index.m3u8").arg(id));
    return httpCall("GET", url, {}, {}, 3000).status;
}
} // namespace

class TestIngestNodes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QVERIFY2(!qgetenv("NOVA_HOOK_SECRET").isEmpty(), "NOVA_HOOK_SECRET is not set");
        QStandardPaths::setTestModeEnabled(true); // the operator's console settings stay untouched
        QString output;
        QVERIFY2(StackControl::up(&output, 0, 2), qPrintable(output));
        m_rtmpUrls = StackControl::envList(QStringLiteral("NOVA_RTMP_URLS"));
        QCOMPARE(m_rtmpUrls.size(), 2);
        QVERIFY(statOf(2).has_value());
    }

    void aNewStreamListsEveryNode()
    {
        const QJsonObject stream = createStream("where to publish");
        const QJsonArray urls = stream.value(u"rtmp_urls").toArray();
        QCOMPARE(urls.size(), 2);
        QStringList listed;
        for (const QJsonValue &url : urls)
            listed.append(url.toString());
        listed.sort();
        QStringList expected = m_rtmpUrls;
        expected.sort();
        QCOMPARE(listed, expected);
        QCOMPARE(stream.value(u"rtmp_url").toString(), urls.first().toString());
        QVERIFY(streamInfo(stream.value(u"id").toString()).value(u"ingest").isNull());
    }

    void streamsOnEitherNodeGoLiveAndPlay()
    {
        const QJsonObject one = createStream("on node 1");
        const QJsonObject two = createStream("on node 2");
        BroadcasterProcess onOne, onTwo;
        publish(onOne, one, {m_rtmpUrls[0]});
        publish(onTwo, two, {m_rtmpUrls[1]});
        QVERIFY2(onOne.waitForEvent("live", 10'000), qPrintable(onOne.standardError()));
        QVERIFY2(onTwo.waitForEvent("live", 10'000), qPrintable(onTwo.standardError()));

        const QString idOne = one.value(u"id").toString(), idTwo = two.value(u"id").toString();
        QVERIFY(pollUntil(
            [&] { return streamInfo(idOne).value(u"ingest").toString() == u"ingest-1"; }, 5000));
        QVERIFY(pollUntil(
            [&] { return streamInfo(idTwo).value(u"ingest").toString() == u"ingest-2"; }, 5000));
        QCOMPARE(streamInfo(idTwo).value(u"status").toString(), QStringLiteral("ACTIVE"));
        QVERIFY(!publisherOn(2, idTwo).isEmpty());
        QVERIFY(publisherOn(1, idTwo).isEmpty());

        // Both play, from either node: the HLS directory is one.
        for (const QString &id : {idOne, idTwo}) {
            QVERIFY2(pollUntil([&] { return streamInfo(id).value(u"playable").toBool(); }, 15'000),
                     qPrintable(id));
            QCOMPARE(playlistStatusOn(1, id), 200);
            QCOMPARE(playlistStatusOn(2, id), 200);
        }
        // Each node's health, as the replicas export it.
        const QByteArray metrics = publicCall("GET", QStringLiteral("/metrics")).body;
        QVERIFY(metrics.contains("nova_streaming_ingest_node_up{node=\"ingest-2\"} 1"));

        // The operator's console: both nodes up, each stream on its node.
        MainWindow window(consoleOptions());
        window.show();
        QVERIFY(consoleShows(window, QStringLiteral("ingest-1"), true, 20'000));
        QVERIFY(consoleShows(window, QStringLiteral("ingest-2"), true, 20'000));
        const auto nodeShown = [&](const QString &id) {
            const int row = window.streams()->rowOf(QUuid::fromString(id));
            return row < 0 ? QString()
                           : window.streams()
                                 ->index(row, StreamTableModel::IngestColumn)
                                 .data()
                                 .toString();
        };
        QVERIFY(pollUntil([&] { return nodeShown(idTwo) == u"ingest-2"; }, 5000));
        QCOMPARE(nodeShown(idOne), QStringLiteral("ingest-1"));
        screenshot(window, QStringLiteral("console-ingest-nodes.png"));
    }

    void deleteDropsThePublisherOnTheNodeThatHoldsIt()
    {
        const QJsonObject stream = createStream("ended on node 2");
        const QString id = stream.value(u"id").toString();
        BroadcasterProcess broadcaster;
        publish(broadcaster, stream, {m_rtmpUrls[1]});
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return !publisherOn(2, id).isEmpty(); }, 5000));

        // Asked of the first replica, which node 1 is nearest to: node 2 drops it.
        QCOMPARE(operatorCall("DELETE", QStringLiteral("/api/v1/streams/") + id).status, 200);
        QVERIFY2(pollUntil([&] { return publisherOn(2, id).isEmpty(); }, 5000),
                 "node 2 still has the publisher of an ended stream");
        QVERIFY(broadcaster.waitForExit(10'000));
        QVERIFY(broadcaster.exitCode() != 0);
        QCOMPARE(streamInfo(id).value(u"status").toString(), QStringLiteral("COMPLETED"));
    }

    void aHookThatNamesANodeItCannotProveIsIgnored()
    {
        const QJsonObject stream = createStream("forged hooks");
        const QString id = stream.value(u"id").toString();
        const QString key = stream.value(u"stream_key").toString();
        BroadcasterProcess broadcaster;
        publish(broadcaster, stream, {m_rtmpUrls[0]});
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));
        QString client;
        QVERIFY(pollUntil([&] { return !(client = publisherOn(1, id)).isEmpty(); }, 5000));

        // Node 2's own secret with node 1's name: refused, and nothing changes.
        const HttpResult forged =
            hookAs(QStringLiteral("on_publish_done"), doneFields(key, client),
                   {{"X-Nova-Ingest", "ingest-1"}, {"X-Nova-Hook-Secret", nodeSecret("ingest-2")}});
        QCOMPARE(forged.status, 403);
        // No name at all, from a trusted address: with two nodes it cannot be placed.
        QCOMPARE(hookCall(QStringLiteral("on_publish_done"), doneFields(key, client)).status, 403);
        // Node 2 speaking of a client id that is node 1's: not its publisher, ignored.
        const HttpResult wrongNode =
            hookAs(QStringLiteral("on_publish_done"), doneFields(key, client),
                   {{"X-Nova-Ingest", "ingest-2"}, {"X-Nova-Hook-Secret", nodeSecret("ingest-2")}});
        QCOMPARE(wrongNode.status, 200);
        QCOMPARE(wrongNode.json().value(u"status").toString(), QStringLiteral("ignored"));

        QCOMPARE(streamInfo(id).value(u"status").toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(streamInfo(id).value(u"ingest").toString(), QStringLiteral("ingest-1"));
        QCOMPARE(broadcaster.state(), QProcess::Running);
        QCOMPARE(operatorCall("DELETE", QStringLiteral("/api/v1/streams/") + id).status, 200);
    }

    void whenANodeDiesItsStreamsGoOnThroughTheOther()
    {
        struct Live
        {
            QJsonObject stream;
            QString id;
            BroadcasterProcess broadcaster;
            std::unique_ptr<LiveClient> viewer;
        };
        std::vector<std::unique_ptr<Live>> streams;
        for (int i = 0; i < 2; ++i) {
            auto live = std::make_unique<Live>();
            live->stream = createStream(QStringLiteral("survives node 1, %1").arg(i));
            live->id = live->stream.value(u"id").toString();
            live->viewer = std::make_unique<LiveClient>(live->id);
            QVERIFY(live->viewer->waitConnected());
            publish(live->broadcaster, live->stream, {m_rtmpUrls[0], m_rtmpUrls[1]});
            streams.push_back(std::move(live));
        }
        for (const auto &live : streams) {
            QVERIFY2(live->broadcaster.waitForEvent("live", 10'000),
                     qPrintable(live->broadcaster.standardError()));
            QVERIFY(live->viewer->waitFor("stream_started", 5000));
            QVERIFY(pollUntil([&] { return streamInfo(live->id).value(u"playable").toBool(); },
                              15'000));
        }
        const QJsonObject before = streamInfo(streams.front()->id);

        QVERIFY(StackControl::killNginx(1));
        for (const auto &live : streams) {
            // Back through node 2, as the same stream.
            const auto again = live->broadcaster.waitForNthEvent("live", 2, 15'000);
            QVERIFY2(again, qPrintable(live->broadcaster.standardError()));
            QCOMPARE(again->value(u"rtmp_url").toString(), m_rtmpUrls[1]);
            QVERIFY(pollUntil(
                [&] { return streamInfo(live->id).value(u"ingest").toString() == u"ingest-2"; },
                10'000));
            QCOMPARE(streamInfo(live->id).value(u"status").toString(), QStringLiteral("ACTIVE"));
        }
        const QJsonObject after = streamInfo(streams.front()->id);
        QCOMPARE(after.value(u"hls_url"), before.value(u"hls_url"));
        QCOMPARE(after.value(u"watch_url"), before.value(u"watch_url"));
        QCOMPARE(after.value(u"started_at"), before.value(u"started_at"));

        // Viewers were never cut off: the measurements of the stream, now read from node 2,
        // still come on the same socket; and node 2 serves the HLS.
        for (const auto &live : streams) {
            const qsizetype seen = live->viewer->eventsNamed("stream_metrics").size();
            QVERIFY(pollUntil(
                [&] { return live->viewer->eventsNamed("stream_metrics").size() > seen + 2; },
                10'000));
            QVERIFY(!live->viewer->waitClosed(0));
            QCOMPARE(playlistStatusOn(2, live->id), 200);
            QVERIFY(live->viewer->eventsNamed("stream_ended").isEmpty());
        }
        for (const auto &live : streams)
            QCOMPARE(operatorCall("DELETE", QStringLiteral("/api/v1/streams/") + live->id).status,
                     200);
        QString output;
        QVERIFY2(StackControl::up(&output, 0, 2), qPrintable(output));
    }

    void whenANodeIsGoneForGoodItsStreamsCompleteAndTheOthersGoOn()
    {
        const QJsonObject lost = createStream("only knows node 1");
        const QJsonObject kept = createStream("on node 2 throughout");
        const QString lostId = lost.value(u"id").toString(), keptId = kept.value(u"id").toString();
        BroadcasterProcess onOne, onTwo;
        publish(onOne, lost, {m_rtmpUrls[0]});
        publish(onTwo, kept, {m_rtmpUrls[1]});
        QVERIFY2(onOne.waitForEvent("live", 10'000), qPrintable(onOne.standardError()));
        QVERIFY2(onTwo.waitForEvent("live", 10'000), qPrintable(onTwo.standardError()));
        QVERIFY(pollUntil(
            [&] { return streamInfo(lostId).value(u"ingest").toString() == u"ingest-1"; }, 5000));
        LiveClient viewer(lostId);
        QVERIFY(viewer.waitConnected());

        MainWindow window(consoleOptions());
        window.show();
        QVERIFY(StackControl::killNginx(1));
        // The console shows the node down.
        QVERIFY(consoleShows(window, QStringLiteral("ingest-1"), false, 20'000));
        QVERIFY(consoleShows(window, QStringLiteral("ingest-2"), true, 1000));
        screenshot(window, QStringLiteral("console-ingest-node-down.png"));
        // Node 1 no longer answers: its stream waits for its publisher, then ends.
        QVERIFY(viewer.waitFor("stream_interrupted", 30'000));
        QCOMPARE(streamInfo(lostId).value(u"status").toString(), QStringLiteral("RECONNECTING"));
        const int graceMs = StackEnv::get().reconnectGraceSeconds * 1000;
        QVERIFY(viewer.waitFor("stream_ended", graceMs + 10'000));
        QCOMPARE(streamInfo(lostId).value(u"status").toString(), QStringLiteral("COMPLETED"));

        // Node 2's stream never noticed.
        QCOMPARE(streamInfo(keptId).value(u"status").toString(), QStringLiteral("ACTIVE"));
        for (const QJsonObject &line : onTwo.events())
            QVERIFY2(line.value(u"event").toString() != u"reconnecting",
                     "node 2's broadcaster reconnected");
        QVERIFY(!publisherOn(2, keptId).isEmpty());
        QCOMPARE(operatorCall("DELETE", QStringLiteral("/api/v1/streams/") + keptId).status, 200);
        onOne.kill();
        QString output;
        QVERIFY2(StackControl::up(&output, 0, 2), qPrintable(output));
    }

    void cleanupTestCase()
    {
        QString output;
        QVERIFY2(StackControl::up(&output, 0, 1), qPrintable(output));
        QVERIFY(!statOf(2).has_value()); // node 2 is gone again
    }

private:
    // A small picture to `stream` through `urls` in turn, reconnecting as the window does.
    static void publish(BroadcasterProcess &broadcaster, const QJsonObject &stream,
                        const QStringList &urls)
    {
        QStringList arguments;
        for (const QString &url : urls)
            arguments << "--rtmp-url" << url;
        arguments << "--size"
                  << "320x180"
                  << "--bitrate"
                  << "300k"
                  << "--reconnect";
        broadcaster.start(arguments, stream.value(u"stream_key").toString());
    }

    QStringList m_rtmpUrls;
};

QTEST_MAIN(TestIngestNodes)
#include "tst_ingest_nodes.moc"
