// /metrics as Prometheus reads it: all eight nova_streaming_* metrics with help and type, and
// promtool finding nothing but the _total suffix that the fixed histogram name carries.

#include "tests/support/http_call.h"
#include "tests/support/stack_env.h"

#include <QProcess>
#include <QTest>

using namespace nova::test;

class TestMetricsExposition : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void everyMetricIsThereWithHelpAndType_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("type");
        QTest::addRow("active streams")
            << QByteArray("nova_streaming_active_streams") << QByteArray("gauge");
        QTest::addRow("viewers") << QByteArray("nova_streaming_viewers_total")
                                 << QByteArray("histogram");
        QTest::addRow("peak viewers")
            << QByteArray("nova_streaming_peak_viewers") << QByteArray("gauge");
        QTest::addRow("stream duration")
            << QByteArray("nova_streaming_stream_duration_seconds") << QByteArray("histogram");
        QTest::addRow("websocket connections")
            << QByteArray("nova_streaming_websocket_connections") << QByteArray("gauge");
        QTest::addRow("broadcast errors")
            << QByteArray("nova_streaming_broadcast_errors_total") << QByteArray("counter");
        QTest::addRow("ingest latency")
            << QByteArray("nova_streaming_rtmp_ingestion_latency_seconds")
            << QByteArray("histogram");
        QTest::addRow("segment generation")
            << QByteArray("nova_streaming_hls_segment_generation_seconds")
            << QByteArray("histogram");
    }
    void everyMetricIsThereWithHelpAndType()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, type);
        const HttpResult metrics = publicCall("GET", "/metrics");
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        QVERIFY2(metrics.body.contains("# HELP " + name + " "), name.constData());
        QVERIFY2(metrics.body.contains("# TYPE " + name + " " + type + "\n"), name.constData());
    }

    void promtoolFindsOnlyTheFixedName()
    {
        const HttpResult metrics = publicCall("GET", "/metrics");
        QProcess promtool;
        promtool.setProcessChannelMode(QProcess::MergedChannels);
        promtool.start("promtool", {"check", "metrics"});
        QVERIFY2(promtool.waitForStarted(), "promtool (Debian package prometheus) is needed");
        promtool.write(metrics.body);
        promtool.closeWriteChannel();
        QVERIFY(promtool.waitForFinished(30'000));
        const QList<QByteArray> problems = promtool.readAll().trimmed().split('\n');
        for (const QByteArray &problem : problems) {
            if (problem.trimmed().isEmpty())
                continue;
            QVERIFY2(problem.startsWith("nova_streaming_viewers_total") &&
                         problem.contains("_total"),
                     problem.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestMetricsExposition)
#include "tst_metrics_exposition.moc"
