// ConfigLoader: defaults, the file, the environment over the file, and clear errors.

#include "server/config/config_loader.h"

#include <QTest>

using nova::ConfigError;
using nova::ConfigLoader;

namespace {
const QByteArray kRequired = "database_url = postgresql://nova:pw@127.0.0.1:55433/nova\n"
                             "admin_token = 0123456789abcdef0123\n";

QProcessEnvironment environment(std::initializer_list<std::pair<const char *, const char *>> values)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : values)
        env.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    return env;
}
} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void defaultsApplyWhenOnlyRequiredSettingsAreGiven()
    {
        const auto config = ConfigLoader::loadText(kRequired, QStringLiteral("test.conf"), {});
        QCOMPARE(config.httpPort, quint16(8081));
        QCOMPARE(config.httpAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.maxBodyBytes, 64 * 1024);
        QCOMPARE(config.databasePoolSize, 4);
        QCOMPARE(config.databaseTimeout, std::chrono::milliseconds(2000));
        QCOMPARE(config.logLevel, QStringLiteral("info"));
        QCOMPARE(config.rtmpUrl, QUrl(QStringLiteral("rtmp://127.0.0.1:1935/live")));
        QCOMPARE(config.hookAllowedNetworks.size(), 2);
        QVERIFY(config.hookSecret.isEmpty());
        QVERIFY(config.hubEventLoop == nova::EventLoopKind::Epoll);
        QCOMPARE(config.reconnectGrace, std::chrono::seconds(60)); // DESIGN.md's default
        QCOMPARE(config.pendingExpiry, std::chrono::hours(24));
        QCOMPARE(config.hlsRetention, std::chrono::hours(1));
        QCOMPARE(config.httpRequestTimeout, std::chrono::seconds(10));
        QCOMPARE(config.wsMaxViewersPerAddress, 100);
    }

    void fileSettingsAreRead()
    {
        const QByteArray text = kRequired + "# a comment\n\n  http_port = 9000  \n"
                                            "HOOK_ALLOW = 10.0.0.0/8, 192.168.1.5\n"
                                            "hls_url = https://cdn.example/hls\n"
                                            "watch_url = https://tv.example/watch\n"
                                            "log_level = debug\n"
                                            "hub_event_loop = qt\n"
                                            "reconnect_grace_s = 15\n"
                                            "hls_retention_h = 0.5\n";
        const auto config = ConfigLoader::loadText(text, QStringLiteral("test.conf"), {});
        QCOMPARE(config.httpPort, quint16(9000));
        QCOMPARE(config.hookAllowedNetworks.size(), 2);
        QVERIFY(
            QHostAddress(QStringLiteral("10.2.3.4")).isInSubnet(config.hookAllowedNetworks.at(0)));
        QVERIFY(QHostAddress(QStringLiteral("192.168.1.5"))
                    .isInSubnet(config.hookAllowedNetworks.at(1)));
        QCOMPARE(config.hlsUrl, QUrl(QStringLiteral("https://cdn.example/hls")));
        QCOMPARE(config.watchUrl, QUrl(QStringLiteral("https://tv.example/watch")));
        QCOMPARE(config.logLevel, QStringLiteral("debug"));
        QVERIFY(config.hubEventLoop == nova::EventLoopKind::Qt);
        QCOMPARE(config.reconnectGrace, std::chrono::seconds(15));
        QCOMPARE(config.hlsRetention, std::chrono::minutes(30));
    }

    void environmentOverridesTheFile()
    {
        const QByteArray text = kRequired + "http_port = 9000\n";
        const auto config = ConfigLoader::loadText(
            text, QStringLiteral("test.conf"),
            environment({{"NOVA_HTTP_PORT", "9100"}, {"NOVA_DATABASE_POOL_SIZE", "8"}}));
        QCOMPARE(config.httpPort, quint16(9100));
        QCOMPARE(config.databasePoolSize, 8);
    }

    void environmentAloneIsEnough()
    {
        const auto config = ConfigLoader::loadText(
            {}, QString(),
            environment({{"NOVA_DATABASE_URL", "postgresql://a@b/c"},
                         {"NOVA_ADMIN_TOKEN", "abcdefghijklmnopqrstuvwxyz"}}));
        QCOMPARE(config.databaseUrl, QStringLiteral("postgresql://a@b/c"));
        QCOMPARE(config.adminToken, QByteArray("abcdefghijklmnopqrstuvwxyz"));
    }

    void withoutIngestNodesTheOlderSettingsMakeOneNode()
    {
        const auto config =
            ConfigLoader::loadText(kRequired + "rtmp_url = rtmp://ingest.example:1935/live\n"
                                               "nginx_url = http://ingest.internal:8088\n"
                                               "probe_url = rtmp://ingest.internal:1935/playback\n",
                                   QStringLiteral("test.conf"), {});
        QCOMPARE(config.ingestNodes.size(), 1);
        const nova::IngestNodeConfig &node = config.ingestNodes.first();
        QCOMPARE(node.name, QStringLiteral("ingest-1"));
        QCOMPARE(node.rtmpUrl, QUrl(QStringLiteral("rtmp://ingest.example:1935/live")));
        QCOMPARE(node.nginxUrl, QUrl(QStringLiteral("http://ingest.internal:8088")));
        QCOMPARE(node.probeUrl, QStringLiteral("rtmp://ingest.internal:1935/playback"));
    }

    void ingestNodesAreListedInOrder()
    {
        const auto config = ConfigLoader::loadText(
            kRequired + "hook_secret = 0123456789abcdef0123\n", QStringLiteral("test.conf"),
            environment(
                {{"NOVA_INGEST_NODES", "ingest-1=rtmp://127.0.0.1:1935/live,http://127.0.0.1:8088,"
                                       "rtmp://127.0.0.1:1935/playback  "
                                       "ingest-2=rtmp://127.0.0.1:1936/live,http://127.0.0.1:8089,"
                                       "rtmp://127.0.0.1:1936/playback"}}));
        QCOMPARE(config.ingestNodes.size(), 2);
        QCOMPARE(config.ingestNodes[1].name, QStringLiteral("ingest-2"));
        QCOMPARE(config.ingestNodes[1].rtmpUrl, QUrl(QStringLiteral("rtmp://127.0.0.1:1936/live")));
        QCOMPARE(config.ingestNodes[1].nginxUrl, QUrl(QStringLiteral("http://127.0.0.1:8089")));
    }

    void badSettingsAreErrorsThatSayWhere_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("unknown name, with its line")
            << kRequired + "\nhttp_prot = 80\n"
            << QStringLiteral("test.conf:4: unknown setting 'http_prot'");
        QTest::addRow("no equals sign") << kRequired + "http_port 80\n"
                                        << QStringLiteral("test.conf:3");
        QTest::addRow("port not a number") << kRequired + "http_port = eighty\n"
                                           << QStringLiteral("http_port");
        QTest::addRow("port out of range") << kRequired + "http_port = 70000\n"
                                           << QStringLiteral("1 to 65535");
        QTest::addRow("short token")
            << QByteArray("database_url = postgresql://x/y\nadmin_token = short\n")
            << QStringLiteral("at least 16");
        QTest::addRow("not a postgresql url")
            << QByteArray("database_url = mysql://x/y\n") << QStringLiteral("postgresql://");
        QTest::addRow("bad network") << kRequired + "hook_allow = 10.0.0.0/99\n"
                                     << QStringLiteral("10.0.0.0/99");
        QTest::addRow("bad log level") << kRequired + "log_level = loud\n"
                                       << QStringLiteral("log_level");
        QTest::addRow("unknown event loop") << kRequired + "hub_event_loop = select\n"
                                            << QStringLiteral("expected epoll or qt");
        QTest::addRow("retention not a number") << kRequired + "hls_retention_h = soon\n"
                                                << QStringLiteral("hls_retention_h");
        QTest::addRow("retention under a second") << kRequired + "pending_expiry_h = 0.0001\n"
                                                  << QStringLiteral("number of hours");
        QTest::addRow("negative limit") << kRequired + "ws_max_viewers_per_address = -1\n"
                                        << QStringLiteral("0 to");
        QTest::addRow("bad exempt network") << kRequired + "limits_exempt = 127.0.0.1/40\n"
                                            << QStringLiteral("127.0.0.1/40");
        const QByteArray node = "a=rtmp://h:1935/live,http://h:8088,rtmp://h:1935/playback";
        QTest::addRow("ingest node without its urls")
            << kRequired + "ingest_nodes = a=rtmp://h:1935/live\n"
            << QStringLiteral("'a=rtmp://h:1935/live' is not NAME=RTMP_URL,NGINX_URL,PROBE_URL");
        QTest::addRow("ingest node named twice")
            << kRequired + "hook_secret = 0123456789abcdef0123\ningest_nodes = " + node + " " +
                   node + "\n"
            << QStringLiteral("node 'a' is named twice");
        QTest::addRow("ingest node with a bad name")
            << kRequired + "ingest_nodes = A_1=rtmp://h:1935/live,http://h:8088,rtmp://h/p\n"
            << QStringLiteral("'A_1' is not a node name");
        QTest::addRow("ingest node with an http ingest")
            << kRequired + "ingest_nodes = a=http://h:1935/live,http://h:8088,rtmp://h/p\n"
            << QStringLiteral("expected a rtmp or rtmps URL");
        QTest::addRow("several ingest nodes need the hook secret")
            << kRequired + "ingest_nodes = " + node + " " + QByteArray(node).replace("a=", "b=") +
                   "\n"
            << QStringLiteral("hook_secret (NOVA_HOOK_SECRET) is required");
        QTest::addRow("missing required")
            << QByteArray("http_port = 80\n")
            << QStringLiteral("missing required settings: database_url");
    }
    void badSettingsAreErrorsThatSayWhere()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, mentions);
        try {
            ConfigLoader::loadText(text, QStringLiteral("test.conf"), {});
            QFAIL("expected a ConfigError");
        } catch (const ConfigError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(mentions), error.what());
        }
    }

    void aBadEnvironmentValueNamesTheVariable()
    {
        try {
            ConfigLoader::loadText(kRequired, QStringLiteral("test.conf"),
                                   environment({{"NOVA_DATABASE_TIMEOUT_MS", "soon"}}));
            QFAIL("expected a ConfigError");
        } catch (const ConfigError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).startsWith(u"NOVA_DATABASE_TIMEOUT_MS"),
                     error.what());
        }
    }

    void aMissingFileIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(ConfigError,
                                 ConfigLoader::load(QStringLiteral("/nonexistent/nova.conf"), {}));
    }

    void everySettingIsDescribed()
    {
        const QStringList lines = ConfigLoader::describe();
        QVERIFY(lines.size() >= 14);
        for (const QString &line : lines)
            QVERIFY2(line.contains(QStringLiteral("NOVA_")), qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_server_config.moc"
