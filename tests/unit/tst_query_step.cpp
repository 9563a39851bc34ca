// QueryStep: the resolution of range queries from the time range and the panel's width.
#include "console/prometheus/query_step.h"

#include <QTest>

using nova::QueryStep;
using std::chrono::seconds;

class TestQueryStep : public QObject
{
    Q_OBJECT

private slots:
    void forRange_data()
    {
        QTest::addColumn<qint64>("range");
        QTest::addColumn<int>("width");
        QTest::addColumn<qint64>("minimum");
        QTest::addColumn<qint64>("expected");

        QTest::addRow("5m over 600 px: never finer than the scrape") << 300LL << 600 << 5LL << 5LL;
        QTest::addRow("15m over 600 px: 1.5 s a pixel, scrape wins") << 900LL << 600 << 5LL << 5LL;
        QTest::addRow("1h over 600 px: 6 s rounds up to 10 s") << 3600LL << 600 << 5LL << 10LL;
        QTest::addRow("1h over 1200 px: 3 s, scrape wins") << 3600LL << 1200 << 5LL << 5LL;
        QTest::addRow("6h over 600 px: 36 s rounds up to 1 m") << 21600LL << 600 << 5LL << 60LL;
        QTest::addRow("24h over 800 px: 108 s rounds up to 2 m") << 86400LL << 800 << 5LL << 120LL;
        QTest::addRow("24h over 1 px: one day") << 86400LL << 1 << 5LL << 86400LL;
        QTest::addRow("24h over 20000 px: capped at 11,000 points")
            << 86400LL << 20000 << 1LL << 10LL;
        QTest::addRow("30 days over 100000 px: capped at 11,000 points")
            << 2592000LL << 100000 << 1LL << 300LL;
        QTest::addRow("400 days over 1000 px: half days") << 34560000LL << 1000 << 5LL << 43200LL;
        QTest::addRow("3 years over 1 px: whole days past the table")
            << 94608000LL << 1 << 5LL << 94608000LL;
        QTest::addRow("empty range") << 0LL << 600 << 5LL << 5LL;
        QTest::addRow("no width yet (hidden panel)") << 3600LL << 0 << 5LL << 3600LL;
        QTest::addRow("15 s scrape interval") << 300LL << 600 << 15LL << 15LL;
        QTest::addRow("odd minimum rounds up to a nice step") << 300LL << 600 << 7LL << 10LL;
    }

    void forRange()
    {
        QFETCH(qint64, range);
        QFETCH(int, width);
        QFETCH(qint64, minimum);
        QFETCH(qint64, expected);
        const seconds step = QueryStep::forRange(seconds(range), width, seconds(minimum));
        QCOMPARE(step.count(), expected);
        QVERIFY(std::max<qint64>(range, 1) / step.count() + 1 <= QueryStep::kMaxPoints);
    }

    void neverMoreThanPrometheusAllows()
    {
        for (qint64 range : {60LL, 3600LL, 86400LL, 604800LL, 2592000LL, 31536000LL}) {
            for (int width : {1, 320, 1920, 7680, 11000, 50000, 1000000}) {
                const seconds step = QueryStep::forRange(seconds(range), width, seconds(1));
                QVERIFY2(range / step.count() + 1 <= QueryStep::kMaxPoints,
                         qPrintable(QStringLiteral("range %1 width %2 step %3")
                                        .arg(range)
                                        .arg(width)
                                        .arg(step.count())));
            }
        }
    }

    void rateWindow_data()
    {
        QTest::addColumn<qint64>("step");
        QTest::addColumn<qint64>("scrape");
        QTest::addColumn<qint64>("expected");
        QTest::addRow("fine step: four scrapes") << 5LL << 5LL << 20LL;
        QTest::addRow("step of a minute: step plus a scrape") << 60LL << 5LL << 65LL;
        QTest::addRow("15 s scrape") << 15LL << 15LL << 60LL;
    }

    void rateWindow()
    {
        QFETCH(qint64, step);
        QFETCH(qint64, scrape);
        QFETCH(qint64, expected);
        QCOMPARE(QueryStep::rateWindow(seconds(step), seconds(scrape)).count(), expected);
    }
};

QTEST_GUILESS_MAIN(TestQueryStep)
#include "tst_query_step.moc"
