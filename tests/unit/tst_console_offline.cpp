// nova-console with nothing to talk to: every source says it is down and why, and the panels say
// their data is stale instead of pretending to be current. Port 1 on loopback: nothing listens.
#include "console/dashboard/platform_dashboard.h"
#include "console/panels/stat_panel.h"
#include "console/panels/time_series_panel.h"
#include "console/window/connection_indicator.h"
#include "console/window/main_window.h"

#include <QStandardPaths>
#include <QTest>

using nova::ConnectionIndicator;

class TestConsoleOffline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everySourceDownWithItsReason()
    {
        nova::ConsoleOptions options;
        options.apiUrl = QUrl("http://127.0.0.1:1");
        options.prometheusUrl = QUrl("http://127.0.0.1:1");
        options.token = "not-a-real-token";
        nova::MainWindow window(options);
        window.show();

        QTRY_COMPARE_WITH_TIMEOUT(window.prometheusState()->state(),
                                  ConnectionIndicator::State::Down, 10'000);
        QVERIFY2(window.prometheusState()->reason().contains("cannot reach Prometheus"),
                 qPrintable(window.prometheusState()->reason()));
        QTRY_COMPARE_WITH_TIMEOUT(window.apiState()->state(), ConnectionIndicator::State::Down,
                                  10'000);
        QVERIFY2(window.apiState()->reason().contains("cannot reach the Nova API"),
                 qPrintable(window.apiState()->reason()));
        QTRY_COMPARE_WITH_TIMEOUT(window.eventsState()->state(), ConnectionIndicator::State::Down,
                                  10'000);
        QVERIFY2(window.eventsState()->reason().contains("retrying"),
                 qPrintable(window.eventsState()->reason()));

        QTRY_VERIFY_WITH_TIMEOUT(window.dashboard()->activeStreams()->isStale(), 10'000);
        for (nova::TimeSeriesPanel *panel : window.dashboard()->charts())
            QTRY_VERIFY_WITH_TIMEOUT(panel->isStale(), 10'000);
        QCOMPARE(window.dashboard()->activeStreams()->valueText(), "–");
    }
};

QTEST_MAIN(TestConsoleOffline)
#include "tst_console_offline.moc"
