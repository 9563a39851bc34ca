// ChartAnnotations: which moments the time charts mark — streams starting and ending within the
// range, alerts firing and resolving as Prometheus's ALERTS series shows them.
#include "console/dashboard/chart_annotations.h"
#include "console/prometheus/prometheus_result.h"

#include <QTest>

using namespace std::chrono_literals;
using namespace nova;

namespace {
const QDateTime kFrom = QDateTime::fromString("2026-12-03T10:00:00Z", Qt::ISODate);
const QDateTime kTo = QDateTime::fromString("2026-12-03T11:00:00Z", Qt::ISODate);

double at(const char *time)
{
    return double(QDateTime::fromString(QLatin1StringView(time), Qt::ISODate).toMSecsSinceEpoch());
}

// ALERTS samples of one alert every 15 s at the given minutes:seconds after 10:00.
PrometheusSeries firing(const QMap<QString, QString> &labels, const QList<int> &seconds)
{
    PrometheusSeries series;
    series.labels = labels;
    for (const int s : seconds)
        series.points.append({double(kFrom.addSecs(s).toMSecsSinceEpoch()), 1});
    return series;
}
} // namespace

class TestChartAnnotations : public QObject
{
    Q_OBJECT

private slots:
    void streamsStartAndEndWithinTheRange()
    {
        Stream earlier;
        earlier.title = "Yesterday";
        earlier.startedAt = kFrom.addDays(-1);
        earlier.endedAt = kFrom.addSecs(600); // ended within: only its end shows
        Stream live;
        live.title = "Morning show";
        live.startedAt = kFrom.addSecs(1200);
        Stream pending;
        pending.title = "Not yet";
        const auto markers = ChartAnnotations::ofStreams({earlier, live, pending}, kFrom, kTo);
        QCOMPARE(markers.size(), 2);
        QCOMPARE(markers.at(0).kind, ChartMarker::Kind::StreamEnded);
        QCOMPARE(markers.at(0).x, at("2026-12-03T10:10:00Z"));
        QCOMPARE(markers.at(0).label, "Stream ended: Yesterday");
        QCOMPARE(markers.at(1).kind, ChartMarker::Kind::StreamStarted);
        QCOMPARE(markers.at(1).label, "Stream started: Morning show");
    }

    void anAlertThatFiredTwiceHasTwoRuns()
    {
        PrometheusResult result;
        result.series.append(firing({{"alertname", "NovaReplicaDown"}, {"instance", "a:1"}},
                                    {60, 75, 90, 600, 615}));
        const auto markers = ChartAnnotations::ofAlerts(result, 15s, kTo);
        QCOMPARE(markers.size(), 4);
        QCOMPARE(markers.at(0).kind, ChartMarker::Kind::AlertFired);
        QCOMPARE(markers.at(0).x, at("2026-12-03T10:01:00Z"));
        QCOMPARE(markers.at(0).label, "NovaReplicaDown (a:1) fired");
        QCOMPARE(markers.at(1).kind, ChartMarker::Kind::AlertResolved);
        QCOMPARE(markers.at(1).x, at("2026-12-03T10:01:45Z")); // a step after its last sample
        QCOMPARE(markers.at(2).kind, ChartMarker::Kind::AlertFired);
        QCOMPARE(markers.at(3).kind, ChartMarker::Kind::AlertResolved);
        QCOMPARE(markers.at(3).label, "NovaReplicaDown (a:1) resolved");
    }

    void anAlertStillFiringHasNoResolution()
    {
        PrometheusResult result;
        result.series.append(firing({{"alertname", "NovaPeakViewersDrop"}}, {3570, 3585, 3600}));
        const auto markers = ChartAnnotations::ofAlerts(result, 15s, kTo);
        QCOMPARE(markers.size(), 1);
        QCOMPARE(markers.at(0).label, "NovaPeakViewersDrop fired");
    }

    void markersOfSeveralAlertsAreInTimeOrder()
    {
        PrometheusResult result;
        result.series.append(firing({{"alertname", "B"}}, {900}));
        result.series.append(firing({{"alertname", "A"}}, {300}));
        const auto markers = ChartAnnotations::ofAlerts(result, 15s, kTo);
        QCOMPARE(markers.size(), 4);
        for (qsizetype i = 1; i < markers.size(); ++i)
            QVERIFY(markers.at(i - 1).x <= markers.at(i).x);
        QCOMPARE(markers.first().label, "A fired");
    }
};

QTEST_GUILESS_MAIN(TestChartAnnotations)
#include "tst_chart_annotations.moc"
