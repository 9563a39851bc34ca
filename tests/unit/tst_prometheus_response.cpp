// PrometheusResponse: decoding Prometheus's HTTP API answers, recorded from a real Prometheus
// (tests/unit/data/prometheus/, see its README for how each was made).
#include "console/prometheus/prometheus_response.h"

#include <QFile>
#include <QTest>

#include <cmath>

using nova::PrometheusAlert;
using nova::PrometheusError;
using nova::PrometheusResult;
namespace Response = nova::PrometheusResponse;

namespace {
QByteArray recorded(const QString &name)
{
    QFile file(QStringLiteral(NOVA_TEST_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

PrometheusResult result(const QString &name)
{
    auto parsed = Response::parseQuery(recorded(name), 200);
    if (auto *error = std::get_if<PrometheusError>(&parsed))
        qFatal("%s did not parse: %s", qPrintable(name), qPrintable(error->describe()));
    return std::get<PrometheusResult>(parsed);
}
} // namespace

class TestPrometheusResponse : public QObject
{
    Q_OBJECT

private slots:
    void vectorOfTheStack()
    {
        const PrometheusResult active = result("query_vector_active_streams.json");
        QCOMPARE(active.type, PrometheusResult::Type::Vector);
        QCOMPARE(active.series.size(), 1);
        QVERIFY(active.series.first().labels.isEmpty()); // max() drops every label
        QCOMPARE(active.series.first().points.size(), 1);
        QCOMPARE(active.series.first().lastValue(), 1.0);
        QVERIFY(active.series.first().points.first().x() > 1.7e12); // milliseconds
    }

    void matrixOfTheStack()
    {
        const PrometheusResult connections = result("query_matrix_connections_by_kind.json");
        QCOMPARE(connections.type, PrometheusResult::Type::Matrix);
        QCOMPARE(connections.series.size(), 2);
        QStringList kinds;
        for (const auto &series : connections.series) {
            kinds.append(series.labels.value("kind"));
            QVERIFY(series.points.size() > 2);
            // Points come in time order, one step apart.
            const double step = series.points.at(1).x() - series.points.at(0).x();
            QCOMPARE(step, 5000.0);
            for (qsizetype i = 1; i < series.points.size(); ++i)
                QVERIFY(series.points.at(i).x() > series.points.at(i - 1).x());
        }
        kinds.sort();
        QCOMPARE(kinds, QStringList({"operator", "viewer"}));
    }

    void quantilesWithoutDataAreNaN()
    {
        // histogram_quantile over a window with no observations: NaN samples, kept as NaN.
        const PrometheusResult latency = result("query_matrix_latency_p95.json");
        QCOMPARE(latency.type, PrometheusResult::Type::Matrix);
        QCOMPARE(latency.series.size(), 1);
        bool sawNaN = false;
        bool sawNumber = false;
        for (const QPointF &point : latency.series.first().points) {
            sawNaN |= std::isnan(point.y());
            sawNumber |= std::isfinite(point.y());
        }
        QVERIFY(sawNaN);
        QVERIFY(sawNumber);
    }

    void emptyResults_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<PrometheusResult::Type>("type");
        QTest::addRow("instant") << "query_vector_empty.json" << PrometheusResult::Type::Vector;
        QTest::addRow("range") << "query_matrix_empty.json" << PrometheusResult::Type::Matrix;
    }

    void emptyResults()
    {
        QFETCH(QString, file);
        QFETCH(PrometheusResult::Type, type);
        const PrometheusResult empty = result(file);
        QCOMPARE(empty.type, type);
        QVERIFY(empty.series.isEmpty());
    }

    void scalarAndString()
    {
        const PrometheusResult scalar = result("query_scalar.json");
        QCOMPARE(scalar.type, PrometheusResult::Type::Scalar);
        QCOMPARE(scalar.series.size(), 1);
        QCOMPARE(scalar.series.first().lastValue(), 2.5);

        const PrometheusResult nan = result("query_scalar_nan.json");
        QVERIFY(std::isnan(nan.series.first().lastValue()));

        const PrometheusResult text = result("query_string.json");
        QCOMPARE(text.type, PrometheusResult::Type::String);
        QCOMPARE(text.text, "nova");
    }

    void infinitiesAndNaN()
    {
        const PrometheusResult signs = result("query_vector_infinities.json");
        QCOMPARE(signs.series.size(), 3);
        for (const auto &series : signs.series) {
            const QString sign = series.labels.value("sign");
            const double value = series.lastValue();
            if (sign == "plus")
                QVERIFY(std::isinf(value) && value > 0);
            else if (sign == "minus")
                QVERIFY(std::isinf(value) && value < 0);
            else
                QVERIFY(std::isnan(value));
        }
    }

    void alerts()
    {
        auto parsed = Response::parseAlerts(recorded("alerts_firing_and_pending.json"), 200);
        QVERIFY(std::holds_alternative<QList<PrometheusAlert>>(parsed));
        const auto alerts = std::get<QList<PrometheusAlert>>(parsed);
        QCOMPARE(alerts.size(), 2);
        const PrometheusAlert &firing = alerts.at(0);
        QCOMPARE(firing.name, "NovaSampleAlwaysFiring");
        QCOMPARE(firing.state, PrometheusAlert::State::Firing);
        QCOMPARE(firing.value, 3.0);
        QCOMPARE(firing.labels.value("severity"), "warning");
        QCOMPARE(firing.annotations.value("summary"), "A sample alert that always fires");
        // Nanoseconds in the wire format; milliseconds are what we keep.
        QVERIFY(firing.activeAt.isValid());
        QCOMPARE(firing.activeAt.timeSpec(), Qt::UTC);
        QCOMPARE(alerts.at(1).state, PrometheusAlert::State::Pending);
        QCOMPARE(alerts.at(1).value, 0.5);

        auto none = Response::parseAlerts(recorded("alerts_none.json"), 200);
        QVERIFY(std::get<QList<PrometheusAlert>>(none).isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("PromQL syntax") << "error_bad_data.json" << 400 << "bad_data"
                                       << "unclosed left parenthesis";
        QTest::addRow("over 11,000 points") << "error_too_many_points.json" << 400 << "bad_data"
                                            << "11,000 points";
        QTest::addRow("evaluation failed") << "error_execution.json" << 422 << "execution"
                                           << "many-to-many";
        QTest::addRow("not the API (plain text 404)") << "error_not_found.txt" << 404 << "http"
                                                      << "HTTP 404";
    }

    void errors()
    {
        QFETCH(QString, file);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, mentions);
        auto parsed = Response::parseQuery(recorded(file), status);
        QVERIFY(std::holds_alternative<PrometheusError>(parsed));
        const PrometheusError error = std::get<PrometheusError>(parsed);
        QCOMPARE(error.type, type);
        QCOMPARE(error.httpStatus, status);
        QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
        QVERIFY(error.describe().contains(mentions));
        // The alerts decoder reads the same envelope.
        QVERIFY(
            std::holds_alternative<PrometheusError>(Response::parseAlerts(recorded(file), status)));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("not JSON") << QByteArray("<html>");
        QTest::addRow("array") << QByteArray("[]");
        QTest::addRow("no status") << QByteArray(R"({"data":{}})");
        QTest::addRow("no data") << QByteArray(R"({"status":"success"})");
        QTest::addRow("unknown result type")
            << QByteArray(R"({"status":"success","data":{"resultType":"tensor","result":[]}})");
        QTest::addRow("vector result not an array")
            << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":{}}})");
        QTest::addRow("sample value not a string") << QByteArray(
            R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}})");
        QTest::addRow("sample value not a number") << QByteArray(
            R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"x"]}]}})");
        QTest::addRow("matrix point of three") << QByteArray(
            R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1",2]]}]}})");
        QTest::addRow("scalar without time")
            << QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":["1"]}})");
    }

    void malformed()
    {
        QFETCH(QByteArray, body);
        auto parsed = Response::parseQuery(body, 200);
        QVERIFY(std::holds_alternative<PrometheusError>(parsed));
        QCOMPARE(std::get<PrometheusError>(parsed).type, "bad_response");
    }

    void sampleValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("expected");
        QTest::addRow("plain") << "1.5" << 1.5;
        QTest::addRow("exponent") << "3e+00" << 3.0;
        QTest::addRow("negative small") << "-2.5e-07" << -2.5e-07;
        QTest::addRow("+Inf") << "+Inf" << std::numeric_limits<double>::infinity();
        QTest::addRow("-Inf") << "-Inf" << -std::numeric_limits<double>::infinity();
    }

    void sampleValues()
    {
        QFETCH(QString, text);
        QFETCH(double, expected);
        QCOMPARE(Response::parseSampleValue(text), std::optional<double>(expected));
        QVERIFY(std::isnan(*Response::parseSampleValue(u"NaN")));
        QVERIFY(!Response::parseSampleValue(u"one"));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusResponse)
#include "tst_prometheus_response.moc"
