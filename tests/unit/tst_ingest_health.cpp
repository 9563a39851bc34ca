// The ingest nodes' health as the console reads it from Prometheus and shows it on one line.

#include "console/ingest/ingest_health_line.h"
#include "console/ingest/ingest_node_health.h"
#include "console/prometheus/prometheus_result.h"

#include <QTest>

using namespace nova;

namespace {
PrometheusSeries series(const QString &node, double value)
{
    return {{{QStringLiteral("node"), node}}, {QPointF(1.7e12, value)}};
}
} // namespace

class TestIngestHealth : public QObject
{
    Q_OBJECT

private slots:
    void eachNodeIsUpOrDownWithItsStreams()
    {
        PrometheusResult up, streams;
        up.series = {series("ingest-2", 0), series("ingest-1", 1), series({}, 1)};
        streams.series = {series("ingest-1", 3), series("ingest-2", 0), series("ingest-9", 5)};
        const QList<IngestNodeHealth> nodes = IngestNodeHealth::fromResults(up, streams);
        QCOMPARE(nodes.size(), 2); // a series without a node, or without up, is nothing
        QCOMPARE(nodes.at(0), (IngestNodeHealth{QStringLiteral("ingest-1"), true, 3}));
        QCOMPARE(nodes.at(1), (IngestNodeHealth{QStringLiteral("ingest-2"), false, 0}));
    }

    void theLineSaysWhichNodeIsDown()
    {
        IngestHealthLine line;
        line.setNodes(
            {{QStringLiteral("ingest-1"), true, 2}, {QStringLiteral("ingest-2"), false, 0}});
        const QString text = line.text();
        QVERIFY2(text.contains(u"ingest-1</b> 2 stream(s)"), qPrintable(text));
        QVERIFY2(text.contains(u"#c62828\">●</span> <b>ingest-2</b> down"), qPrintable(text));
        line.setUnavailable(QStringLiteral("connection refused"));
        QVERIFY2(line.text().contains(u"unknown (Prometheus: connection refused)"),
                 qPrintable(line.text()));
    }
};

QTEST_MAIN(TestIngestHealth)
#include "tst_ingest_health.moc"
