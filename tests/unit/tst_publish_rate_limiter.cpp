// PublishRateLimiter: a burst of wrong keys, then refusal until tokens come back; nobody else
// slowed.

#include "server/hooks/publish_rate_limiter.h"

#include <QTest>

using nova::PublishRateLimiter;
using namespace std::chrono_literals;

class TestPublishRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void aBurstOfWrongKeysThenRefusal()
    {
        PublishRateLimiter limiter({3, 10s, 1000});
        const auto t0 = PublishRateLimiter::Clock::time_point{} + 1h;
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(limiter.allows(QStringLiteral("10.0.0.1"), t0),
                     qPrintable(QString::number(i)));
            limiter.recordFailure(QStringLiteral("10.0.0.1"), t0);
        }
        std::chrono::seconds retry{};
        QVERIFY(!limiter.allows(QStringLiteral("10.0.0.1"), t0, &retry));
        QCOMPARE(retry, 10s);
        // Another address is not slowed at all.
        QVERIFY(limiter.allows(QStringLiteral("10.0.0.2"), t0));
    }

    void tokensComeBackAtTheRefillRate()
    {
        PublishRateLimiter limiter({2, 10s, 1000});
        const auto t0 = PublishRateLimiter::Clock::time_point{} + 1h;
        limiter.recordFailure(QStringLiteral("a"), t0);
        limiter.recordFailure(QStringLiteral("a"), t0);
        QVERIFY(!limiter.allows(QStringLiteral("a"), t0 + 9s));
        QVERIFY(limiter.allows(QStringLiteral("a"), t0 + 10s));
        limiter.recordFailure(QStringLiteral("a"), t0 + 10s);
        std::chrono::seconds retry{};
        QVERIFY(!limiter.allows(QStringLiteral("a"), t0 + 14s, &retry));
        QCOMPARE(retry, 6s);
        // Never more than the burst, however long the pause.
        const auto later = t0 + 10h;
        limiter.recordFailure(QStringLiteral("a"), later);
        limiter.recordFailure(QStringLiteral("a"), later);
        QVERIFY(!limiter.allows(QStringLiteral("a"), later));
    }

    void addressesThatNeverFailAreNotRemembered()
    {
        PublishRateLimiter limiter({5, 10s, 1000});
        const auto t0 = PublishRateLimiter::Clock::time_point{} + 1h;
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.allows(QStringLiteral("192.0.2.%1").arg(i), t0));
        QCOMPARE(limiter.tracked(), 0);
    }

    void rememberingIsBounded()
    {
        PublishRateLimiter limiter({1, 60s, 50});
        const auto t0 = PublishRateLimiter::Clock::time_point{} + 1h;
        for (int i = 0; i < 500; ++i)
            limiter.recordFailure(QStringLiteral("198.51.100.%1").arg(i), t0);
        QVERIFY(limiter.tracked() <= 50);
        // The latest guesser is still held back.
        QVERIFY(!limiter.allows(QStringLiteral("198.51.100.499"), t0));
    }
};

QTEST_GUILESS_MAIN(TestPublishRateLimiter)
#include "tst_publish_rate_limiter.moc"
