// A replica's vitals: the event loop's lateness shows a handler that blocks it, and the process's
// own memory and CPU time are read.
#include "server/health/event_loop_lag.h"
#include "server/health/process_usage.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <ctime>

using namespace std::chrono_literals;
using nova::EventLoopLag;
using nova::ProcessUsage;

namespace {
// Keeps the thread (and so its event loop) busy for `ms`.
void burn(int ms)
{
    QElapsedTimer busy;
    busy.start();
    volatile double sink = 0;
    while (busy.elapsed() < ms)
        sink = sink + std::sqrt(double(busy.nsecsElapsed()));
}

// Keeps this thread busy until the process has used `ms` of CPU, however busy the machine is.
void burnCpu(int ms)
{
    const auto used = [] {
        timespec now{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
        return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
    };
    const double until = used() + ms / 1000.0;
    volatile double sink = 0;
    while (used() < until)
        sink = sink + 1;
}
} // namespace

class TestReplicaVitals : public QObject
{
    Q_OBJECT

private slots:
    void aBlockedLoopShowsAsLag()
    {
        EventLoopLag lag(20ms, 200ms);
        QSignalSpy measured(&lag, &EventLoopLag::measured);
        lag.start();
        // A handler that holds the loop for 300 ms: the next tick is at least that late.
        QTimer::singleShot(30, [] { burn(300); });
        QVERIFY(measured.wait(3000));
        double worst = 0;
        for (const QList<QVariant> &window : measured)
            worst = std::max(worst, window.first().toDouble());
        QVERIFY2(worst >= 0.25, qPrintable(QString::number(worst)));
    }

    void anIdleLoopShowsLittle()
    {
        EventLoopLag lag(20ms, 200ms);
        QSignalSpy measured(&lag, &EventLoopLag::measured);
        lag.start();
        QVERIFY(measured.wait(3000));
        // Far below a blocked loop's figure, even on a busy machine.
        QVERIFY2(measured.first().first().toDouble() < 0.2,
                 qPrintable(QString::number(measured.first().first().toDouble())));
    }

    void theProcessUsageIsItsOwn()
    {
        const auto before = ProcessUsage::now();
        QVERIFY(before);
        QVERIFY(before->residentBytes > 1'000'000); // a Qt process holds megabytes
        burnCpu(200);
        const auto after = ProcessUsage::now();
        QVERIFY(after);
        QVERIFY2(after->cpuSeconds - before->cpuSeconds >= 0.1,
                 qPrintable(QString::number(after->cpuSeconds - before->cpuSeconds)));
    }
};

QTEST_GUILESS_MAIN(TestReplicaVitals)
#include "tst_replica_vitals.moc"
