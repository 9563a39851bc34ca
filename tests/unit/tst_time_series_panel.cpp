// TimeSeriesPanel: exact values on hover, stacking, stale data kept, and drag to select a span.
#include "console/panels/interactive_chart_view.h"
#include "console/panels/time_series_panel.h"

#include <QChart>
#include <QSignalSpy>
#include <QTest>
#include <QXYSeries>

#include <cmath>

using nova::ChartSeries;
using nova::InteractiveChartView;
using nova::TimeSeriesPanel;
using Unit = nova::DisplayFormat::Unit;

namespace {
const QDateTime kFrom = QDateTime::fromString("2026-11-22T10:00:00Z", Qt::ISODate);
const QDateTime kTo = kFrom.addSecs(60);

double at(int second)
{
    return double(kFrom.addSecs(second).toMSecsSinceEpoch());
}
} // namespace

class TestTimeSeriesPanel : public QObject
{
    Q_OBJECT

private slots:
    void hoverNamesTheNearestSampleExactly()
    {
        TimeSeriesPanel panel("Ingest latency", Unit::Seconds, TimeSeriesPanel::Style::Lines);
        panel.setSeries({{"p95", {{at(0), 0.120}, {at(10), 0.0855}, {at(20), 1.5}}}}, kFrom, kTo);
        const QString near10 = panel.describe(0, at(12));
        QVERIFY2(near10.contains("p95: 85.5 ms"), qPrintable(near10));
        QVERIFY2(near10.contains(kFrom.addSecs(10).toLocalTime().toString("HH:mm:ss")),
                 qPrintable(near10));
        QVERIFY(panel.describe(0, at(19)).contains("1.5 s"));
        QVERIFY(panel.describe(0, at(-30)).contains("120 ms")); // before the first: the first
        QVERIFY(panel.describe(0, at(90)).contains("1.5 s"));   // after the last: the last
        QVERIFY(panel.describe(3, at(0)).isEmpty());
    }

    void notANumberIsLeftOutOfTheLineButNamedOnHover()
    {
        TimeSeriesPanel panel("Latency", Unit::Seconds, TimeSeriesPanel::Style::Lines);
        const double nan = std::nan("");
        panel.setSeries({{"p50", {{at(0), nan}, {at(5), 0.05}, {at(10), INFINITY}}}}, kFrom, kTo);
        const auto *line = qobject_cast<QXYSeries *>(panel.chart()->series().first());
        QVERIFY(line);
        QCOMPARE(line->count(), 1);
        QVERIFY(panel.describe(0, at(0)).contains("NaN"));
    }

    void stackedAreasAddUpButHoverTellsEachLayer()
    {
        TimeSeriesPanel panel("Quality", Unit::PerSecond, TimeSeriesPanel::Style::StackedAreas);
        panel.setSeries(
            {{"360p", {{at(0), 0.5}, {at(10), 0.5}}}, {"480p", {{at(0), 0.5}, {at(10), 1.0}}}},
            kFrom, kTo);
        QCOMPARE(panel.chart()->series().size(), 2);
        QVERIFY(panel.describe(1, at(10)).contains("480p: 1/s"));
        // Fewer renditions on the next refresh: the chart follows.
        panel.setSeries({{"360p", {{at(0), 0.5}}}}, kFrom, kTo);
        QCOMPARE(panel.chart()->series().size(), 1);
    }

    void staleKeepsWhatItShowed()
    {
        TimeSeriesPanel panel("Viewers", Unit::Count, TimeSeriesPanel::Style::Lines);
        panel.setSeries({{"all", {{at(0), 3}, {at(5), 4}}}}, kFrom, kTo);
        panel.setStale(true, "cannot reach Prometheus");
        QVERIFY(panel.isStale());
        QCOMPARE(panel.series().size(), 1);
        QCOMPARE(panel.series().first().points.size(), 2);
        panel.setStale(false);
        QVERIFY(!panel.isStale());
    }

    void draggingAcrossSelectsThatSpan()
    {
        TimeSeriesPanel panel("Viewers", Unit::Count, TimeSeriesPanel::Style::Lines);
        panel.resize(600, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setSeries({{"all", {{at(0), 1}, {at(60), 2}}}}, kFrom, kTo);
        auto *view = panel.findChild<InteractiveChartView *>();
        QVERIFY(view);
        QSignalSpy selected(&panel, &TimeSeriesPanel::rangeSelected);
        QSignalSpy reset(&panel, &TimeSeriesPanel::resetRequested);

        const QRectF plot = panel.chart()->plotArea();
        const QPoint from(int(plot.left() + plot.width() * 0.25), int(plot.center().y()));
        const QPoint to(int(plot.left() + plot.width() * 0.75), int(plot.center().y()));
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view->viewport(), to);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        QCOMPARE(selected.size(), 1);
        const QDateTime start = selected.first().at(0).toDateTime();
        const QDateTime end = selected.first().at(1).toDateTime();
        // A quarter to three quarters of the minute, within a pixel or two.
        QVERIFY2(std::abs(kFrom.msecsTo(start) - 15'000) < 1000,
                 qPrintable(start.toString(Qt::ISODateWithMs)));
        QVERIFY2(std::abs(kFrom.msecsTo(end) - 45'000) < 1000,
                 qPrintable(end.toString(Qt::ISODateWithMs)));

        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, from);
        QCOMPARE(reset.size(), 1);
        QTest::mouseClick(view->viewport(), Qt::RightButton, {}, from);
        QCOMPARE(reset.size(), 2);
    }
};

QTEST_MAIN(TestTimeSeriesPanel)
#include "tst_time_series_panel.moc"
