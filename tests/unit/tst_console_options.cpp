// ConsoleOptions: nova-console's command line and its environment fallbacks.
#include "console/app/console_options.h"

#include <QTest>

using nova::ConsoleOptions;

namespace {
QProcessEnvironment environment(const QList<QPair<QString, QString>> &values)
{
    QProcessEnvironment env;
    for (const auto &[key, value] : values)
        env.insert(key, value);
    return env;
}
} // namespace

class TestConsoleOptions : public QObject
{
    Q_OBJECT

private slots:
    void designCommandLine()
    {
        QString error;
        const auto options = ConsoleOptions::parse(
            {"nova-console", "--api", "http://127.0.0.1:8081", "--prometheus",
             "http://127.0.0.1:9090", "--screenshot", "/tmp/c.png", "--after", "2.5"},
            environment({{"NOVA_ADMIN_TOKEN", "secret-token"}}), &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->apiUrl, QUrl("http://127.0.0.1:8081"));
        QCOMPARE(options->prometheusUrl, QUrl("http://127.0.0.1:9090"));
        QCOMPARE(options->token, "secret-token");
        QCOMPARE(options->screenshotFile, "/tmp/c.png");
        QCOMPARE(options->screenshotAfterSeconds, 2.5);
    }

    void tokenOptionWinsOverEnvironment()
    {
        QString error;
        const auto options = ConsoleOptions::parse(
            {"nova-console", "--api", "http://a:1", "--prometheus", "http://p:2", "--token", "t1"},
            environment({{"NOVA_ADMIN_TOKEN", "t2"}}), &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->token, "t1");
    }

    void urlsFromStackEnvironment()
    {
        QString error;
        const auto options =
            ConsoleOptions::parse({"nova-console"},
                                  environment({{"NOVA_API_URL", "http://127.0.0.1:8081"},
                                               {"NOVA_PROMETHEUS_URL", "http://127.0.0.1:9090"}}),
                                  &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->apiUrl.port(), 8081);
        QVERIFY(options->token.isEmpty());
        QVERIFY(options->screenshotFile.isEmpty());
    }

    void refused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("no URLs at all") << QStringList{"nova-console"} << "--api";
        QTest::addRow("API URL not http")
            << QStringList{"nova-console", "--api", "ftp://x", "--prometheus", "http://p:1"}
            << "--api";
        QTest::addRow("Prometheus URL without host")
            << QStringList{"nova-console", "--api", "http://a:1", "--prometheus", "http://"}
            << "--prometheus";
        QTest::addRow("after without screenshot")
            << QStringList{"nova-console", "--api",   "http://a:1", "--prometheus",
                           "http://p:1",   "--after", "3"}
            << "--screenshot";
        QTest::addRow("after not a number")
            << QStringList{"nova-console", "--api", "http://a:1", "--prometheus", "http://p:1",
                           "--screenshot", "x.png", "--after",    "soon"}
            << "--after";
        QTest::addRow("unknown option") << QStringList{"nova-console", "--api",      "http://a:1",
                                                       "--prometheus", "http://p:1", "--colour"}
                                        << "colour";
        QTest::addRow("stray argument") << QStringList{"nova-console", "--api",      "http://a:1",
                                                       "--prometheus", "http://p:1", "extra"}
                                        << "extra";
    }

    void refused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!ConsoleOptions::parse(arguments, QProcessEnvironment(), &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestConsoleOptions)
#include "tst_console_options.moc"
