// RetryBackoff: the preview's pauses between tries grow, stop growing at the cap, and start short
// again once something worked.
#include "console/preview/retry_backoff.h"

#include <QTest>

using namespace std::chrono_literals;
using nova::RetryBackoff;

class TestRetryBackoff : public QObject
{
    Q_OBJECT

private slots:
    void pausesDoubleUpToTheCap()
    {
        RetryBackoff backoff(1s, 10s);
        QList<qint64> waits;
        for (int i = 0; i < 6; ++i)
            waits.append(backoff.next().count());
        QCOMPARE(waits, (QList<qint64>{1000, 2000, 4000, 8000, 10000, 10000}));
        QCOMPARE(backoff.failures(), 6);
    }

    void aSuccessStartsThemShortAgain()
    {
        RetryBackoff backoff(500ms, 4s);
        backoff.next();
        backoff.next();
        backoff.reset();
        QCOMPARE(backoff.failures(), 0);
        QCOMPARE(backoff.next().count(), 500);
    }

    void aCapBelowTheFirstPauseIsTheFirstPause()
    {
        RetryBackoff backoff(2s, 1s);
        QCOMPARE(backoff.next().count(), 2000);
        QCOMPARE(backoff.next().count(), 2000);
    }
};

QTEST_GUILESS_MAIN(TestRetryBackoff)
#include "tst_retry_backoff.moc"
