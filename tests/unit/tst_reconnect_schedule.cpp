// ReconnectSchedule: waits grow about 1.5 times each, stop growing at the cap, are spread by the
// jitter and never past the cap, and start over after a connection went live again.

#include "broadcaster/publisher/reconnect_schedule.h"

#include <QTest>

using namespace nova;
using namespace std::chrono_literals;

class TestReconnectSchedule : public QObject
{
    Q_OBJECT

private slots:
    void nominalWaitsGrowByHalfUpToTheCap_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("ms");
        QTest::addRow("first") << 0 << qint64(1000);
        QTest::addRow("second") << 1 << qint64(1500);
        QTest::addRow("third") << 2 << qint64(2250);
        QTest::addRow("fourth") << 3 << qint64(3375);
        QTest::addRow("capped") << 9 << qint64(30'000);
        QTest::addRow("long after") << 40 << qint64(30'000);
    }
    void nominalWaitsGrowByHalfUpToTheCap()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, ms);
        const ReconnectSchedule schedule({});
        QCOMPARE(schedule.nominal(attempt).count(), ms);
    }

    void eachWaitIsWithinTheJitterOfItsNominalAndNeverPastTheCap()
    {
        for (std::uint64_t seed = 0; seed < 50; ++seed) {
            ReconnectSchedule schedule({}, seed);
            for (int attempt = 0; attempt < 15; ++attempt) {
                const double nominal = double(schedule.nominal(attempt).count());
                const auto wait = schedule.next();
                QVERIFY2(wait.count() >= qint64(nominal * 0.8) - 1,
                         qPrintable(QString::number(attempt)));
                QVERIFY(wait.count() <= qint64(nominal * 1.2) + 1);
                QVERIFY(wait <= 30s);
            }
        }
    }

    void jitterSpreadsBroadcastersCutOffTogether()
    {
        // Many broadcasters dropped by the same fault do not all come back in the same instant.
        QSet<qint64> firstWaits;
        for (std::uint64_t seed = 0; seed < 20; ++seed)
            firstWaits.insert(ReconnectSchedule({}, seed).next().count());
        QVERIFY(firstWaits.size() > 10);
    }

    void goingLiveAgainStartsTheSeriesOver()
    {
        ReconnectSchedule schedule({}, 7);
        for (int i = 0; i < 6; ++i)
            schedule.next();
        QCOMPARE(schedule.attempts(), 6);
        schedule.reset();
        QCOMPARE(schedule.attempts(), 0);
        QVERIFY(schedule.next() <= 1200ms);
    }
};

QTEST_GUILESS_MAIN(TestReconnectSchedule)
#include "tst_reconnect_schedule.moc"
