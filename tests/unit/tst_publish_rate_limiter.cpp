// PublishRateLimiter: a burst of wrong keys, then 429 until tokens come back; only failures spend
// tokens; addresses grouped as hosts hold them.

#include "server/hooks/publish_rate_limiter.h"

#include <QTest>

using nova::PublishRateLimiter;
using namespace std::chrono_literals;

namespace {
const auto t0 = PublishRateLimiter::Clock::time_point{} + 1h;
}

class TestPublishRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void aBurstOfWrongKeysThenRefusal()
    {
        PublishRateLimiter limiter({3, 10s, 1000});
        for (int i = 0; i < 3; ++i)
            QVERIFY2(limiter.recordFailure(QStringLiteral("10.0.0.1"), t0),
                     qPrintable(QString::number(i)));
        QVERIFY(limiter.exhausted(QStringLiteral("10.0.0.1"), t0));
        std::chrono::seconds retry{};
        QVERIFY(!limiter.recordFailure(QStringLiteral("10.0.0.1"), t0, &retry));
        QCOMPARE(retry, 10s);
        // Another address is not slowed at all.
        QVERIFY(!limiter.exhausted(QStringLiteral("10.0.0.2"), t0));
        QVERIFY(limiter.recordFailure(QStringLiteral("10.0.0.2"), t0));
    }

    void tokensComeBackAtTheRefillRate()
    {
        PublishRateLimiter limiter({2, 10s, 1000});
        limiter.recordFailure(QStringLiteral("a"), t0);
        limiter.recordFailure(QStringLiteral("a"), t0);
        QVERIFY(limiter.exhausted(QStringLiteral("a"), t0 + 9s));
        QVERIFY(!limiter.exhausted(QStringLiteral("a"), t0 + 10s));
        QVERIFY(limiter.recordFailure(QStringLiteral("a"), t0 + 10s));
        std::chrono::seconds retry{};
        QVERIFY(!limiter.recordFailure(QStringLiteral("a"), t0 + 14s, &retry));
        QCOMPARE(retry, 6s);
        // Never more than the burst, however long the pause.
        const auto later = t0 + 10h;
        QVERIFY(limiter.recordFailure(QStringLiteral("a"), later));
        QVERIFY(limiter.recordFailure(QStringLiteral("a"), later));
        QVERIFY(!limiter.recordFailure(QStringLiteral("a"), later));
    }

    void refusedTriesDoNotPushTheWaitFurther()
    {
        // A guesser that keeps hammering while refused is back after the same refill time.
        PublishRateLimiter limiter({1, 10s, 1000});
        limiter.recordFailure(QStringLiteral("b"), t0);
        for (int i = 1; i < 10; ++i)
            QVERIFY(!limiter.recordFailure(QStringLiteral("b"), t0 + std::chrono::seconds(i)));
        QVERIFY(!limiter.exhausted(QStringLiteral("b"), t0 + 10s));
    }

    void addressesThatNeverFailAreNotRemembered()
    {
        PublishRateLimiter limiter({5, 10s, 1000});
        for (int i = 0; i < 100; ++i)
            QVERIFY(!limiter.exhausted(QStringLiteral("192.0.2.%1").arg(i), t0));
        QCOMPARE(limiter.tracked(), 0);
    }

    void rememberingIsBounded()
    {
        PublishRateLimiter limiter({1, 60s, 50});
        for (int i = 0; i < 500; ++i)
            limiter.recordFailure(QStringLiteral("198.51.100.%1").arg(i), t0);
        QVERIFY(limiter.tracked() <= 50);
        // The latest guesser is still held back.
        QVERIFY(limiter.exhausted(QStringLiteral("198.51.100.499"), t0));
    }

    void groups_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("group");
        QTest::addRow("ipv4") << "203.0.113.7"
                              << "203.0.113.7";
        QTest::addRow("ipv4-mapped") << "::ffff:203.0.113.7"
                                     << "203.0.113.7";
        QTest::addRow("ipv6 host") << "2001:db8:1:2:aaaa:bbbb:cccc:dddd"
                                   << "2001:db8:1:2::/64";
        QTest::addRow("ipv6 short") << "2001:db8::1"
                                    << "2001:db8::/64";
        QTest::addRow("not an address") << "unix:"
                                        << "unix:";
    }
    void groups()
    {
        QFETCH(QString, address);
        QFETCH(QString, group);
        QCOMPARE(PublishRateLimiter::groupOf(address), group);
    }

    void anIpv6HostCannotDodgeByChangingItsLowBits()
    {
        PublishRateLimiter limiter({2, 60s, 1000});
        limiter.recordFailure(QStringLiteral("2001:db8:5:6::1"), t0);
        limiter.recordFailure(QStringLiteral("2001:db8:5:6::2"), t0);
        QVERIFY(limiter.exhausted(QStringLiteral("2001:db8:5:6:ffff::9"), t0));
        QVERIFY(!limiter.exhausted(QStringLiteral("2001:db8:5:7::1"), t0));
    }
};

QTEST_GUILESS_MAIN(TestPublishRateLimiter)
#include "tst_publish_rate_limiter.moc"
