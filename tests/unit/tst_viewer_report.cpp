// A watch page's report: what a player measures passes as it was said; anything malformed or no
// player could measure is a 400 that says which field, with a code that tells the two apart.

#include "server/viewers/viewer_report.h"
#include "shared/api_error.h"

#include <QTest>

using namespace nova;

namespace {
const QByteArray kViewer = "k3Jd9s0aQ1w_E-7x";

QString rejection(const QByteArray &body)
{
    try {
        ViewerReport::parse(body);
    } catch (const ApiError &error) {
        return QString::number(error.status()) + u' ' + error.code();
    }
    return QStringLiteral("accepted");
}
} // namespace

class TestViewerReport : public QObject
{
    Q_OBJECT

private slots:
    void aFullReportReadsAsSent()
    {
        const ViewerReport report = ViewerReport::parse(
            R"({"viewer":"k3Jd9s0aQ1w_E-7x","rendition":"480p","latency_ms":2350,"stalls":2,)"
            R"("startup_ms":410,"leaving":false})");
        QCOMPARE(report.viewer, kViewer);
        QCOMPARE(report.rendition, QStringLiteral("480p"));
        QCOMPARE(report.latencySeconds.value_or(-1), 2.35);
        QCOMPARE(report.stalls, 2);
        QCOMPARE(report.startupSeconds.value_or(-1), 0.41);
        QVERIFY(!report.leaving);
    }

    void onlyTheViewerIsRequired()
    {
        const ViewerReport report = ViewerReport::parse(R"({"viewer":"k3Jd9s0aQ1w_E-7x"})");
        QVERIFY(report.rendition.isEmpty());
        QVERIFY(!report.latencySeconds);
        QVERIFY(!report.startupSeconds);
        QCOMPARE(report.stalls, 0);
        QVERIFY(ViewerReport::parse(R"({"viewer":"k3Jd9s0aQ1w_E-7x","leaving":true})").leaving);
    }

    void malformedReportsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "400 invalid_json";
        QTest::newRow("garbage") << QByteArray("\x01\xff{{") << "400 invalid_json";
        QTest::newRow("array") << QByteArray("[1,2]") << "400 invalid_json";
        QTest::newRow("no viewer") << QByteArray(R"({"latency_ms":2000})") << "400 invalid_field";
        QTest::newRow("short viewer") << QByteArray(R"({"viewer":"abc"})") << "400 invalid_field";
        QTest::newRow("viewer with a space")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w E-7x"})") << "400 invalid_field";
        QTest::newRow("numeric viewer")
            << QByteArray(R"({"viewer":1234567890123456789})") << "400 invalid_field";
        QTest::newRow("unknown field")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","stream_key":"x"})")
            << "400 unknown_field";
        QTest::newRow("latency as text")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","latency_ms":"2s"})")
            << "400 invalid_field";
        QTest::newRow("rendition not one of ours")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","rendition":"<script>"})")
            << "400 invalid_field";
        QTest::newRow("fractional stalls")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","stalls":1.5})") << "400 invalid_field";
        QTest::newRow("leaving as text")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","leaving":"yes"})")
            << "400 invalid_field";
    }
    void malformedReportsAreRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QCOMPARE(rejection(body), expected);
    }

    void valuesNoPlayerMeasuresAreRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("negative latency")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","latency_ms":-5})");
        QTest::newRow("latency of a day")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","latency_ms":86400000})");
        QTest::newRow("huge latency")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","latency_ms":1e308})");
        QTest::newRow("a million stalls")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","stalls":1000000})");
        QTest::newRow("negative startup")
            << QByteArray(R"({"viewer":"k3Jd9s0aQ1w_E-7x","startup_ms":-1})");
    }
    void valuesNoPlayerMeasuresAreRefused()
    {
        QFETCH(QByteArray, body);
        QCOMPARE(rejection(body), QStringLiteral("400 out_of_range"));
    }
};

QTEST_GUILESS_MAIN(TestViewerReport)
#include "tst_viewer_report.moc"
