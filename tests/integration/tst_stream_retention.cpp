// What is kept of streams is bounded in time. A nova-server of the test's own, against the stack's
// PostgreSQL and Redis, with retention in seconds instead of hours: a PENDING stream that never
// went live fails (its key stops working, its waiting viewers are told), and an ended stream's HLS
// directory is removed while a live stream's, and anything not named by a stream id, stay.

#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace nova::test;

namespace {
constexpr const char *kShortHours = "0.0005"; // 1.8 s

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

void makeHls(const QString &root, const QString &name)
{
    QDir(root).mkpath(name + "/source");
    QFile playlist(root + "/" + name + "/index.m3u8");
    playlist.open(QIODevice::WriteOnly);
    playlist.write("#EXTM3U\n");
}
} // namespace

class TestStreamRetention : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QVERIFY(m_hls.isValid());
        const StackEnv &stack = StackEnv::get();
        m_api.setScheme("http");
        m_api.setHost("127.0.0.1");
        m_api.setPort(freePort());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("NOVA_HTTP_PORT", QString::number(m_api.port()));
        environment.insert("NOVA_DATABASE_URL", stack.databaseUrl);
        environment.insert("NOVA_REDIS_URL", stack.redisUrl);
        environment.insert("NOVA_ADMIN_TOKEN", stack.adminToken);
        environment.insert("NOVA_NGINX_URL", stack.nginxUrl.toString());
        environment.insert("NOVA_HLS_PATH", m_hls.path());
        environment.insert("NOVA_PENDING_EXPIRY_H", QString::fromLatin1(kShortHours));
        environment.insert("NOVA_HLS_RETENTION_H", QString::fromLatin1(kShortHours));
        environment.insert("NOVA_LOG_LEVEL", "warning");
        m_server.setProcessEnvironment(environment);
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server.start(stack.buildDir + "/bin/nova-server", {});
        QVERIFY(m_server.waitForStarted(5000));
        QVERIFY(pollUntil([&] { return call("GET", "/readyz").status == 200; }, 15'000));
    }

    void aStreamThatNeverWentLiveFailsAndItsKeyStopsWorking()
    {
        const HttpResult created = call("POST", "/api/v1/streams", R"({"title":"never live"})");
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(u"id").toString();
        LiveClient viewer(id, {}, m_api);
        QVERIFY(viewer.waitConnected());

        const auto ended = viewer.waitFor("stream_ended", 10'000);
        QVERIFY(ended);
        QCOMPARE(ended->data.value(u"status").toString(), QStringLiteral("FAILED"));
        QCOMPARE(call("GET", "/api/v1/streams/" + id).json().value(u"status").toString(),
                 QStringLiteral("FAILED"));
        const HttpResult publish =
            hookCall("on_publish", {{"call", "publish"},
                                    {"app", "live"},
                                    {"name", created.json().value(u"stream_key").toString()},
                                    {"addr", "127.0.0.1"},
                                    {"clientid", "1"}});
        QCOMPARE(publish.status, 409);
    }

    void anEndedStreamsHlsIsRemovedAndNothingElse()
    {
        const QString ended = createStream("retention: ended").value(u"id").toString();
        const QJsonObject live = createStream("retention: live");
        const QString liveId = live.value(u"id").toString();
        QCOMPARE(hookCall("on_publish", {{"call", "publish"},
                                         {"app", "live"},
                                         {"name", live.value(u"stream_key").toString()},
                                         {"addr", "127.0.0.1"},
                                         {"clientid", "2"}})
                     .status,
                 302);
        makeHls(m_hls.path(), ended);
        makeHls(m_hls.path(), liveId);
        makeHls(m_hls.path(), "not-a-stream");
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + ended).status, 200);

        QVERIFY(pollUntil([&] { return !QFileInfo::exists(m_hls.filePath(ended)); }, 10'000));
        QVERIFY(QFileInfo::exists(m_hls.filePath(liveId + "/index.m3u8")));
        QVERIFY(QFileInfo::exists(m_hls.filePath("not-a-stream/index.m3u8")));

        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + liveId).status, 200);
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        QVERIFY(m_server.waitForFinished(10'000));
    }

private:
    HttpResult call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QUrl url = m_api;
        url.setPath(path);
        return httpCall(method, url, body,
                        {{"Content-Type", "application/json"},
                         {"Authorization", "Bearer " + StackEnv::get().adminToken.toUtf8()}});
    }

    QTemporaryDir m_hls;
    QUrl m_api;
    QProcess m_server;
};

QTEST_GUILESS_MAIN(TestStreamRetention)
#include "tst_stream_retention.moc"
