// AddressLimit: how many of something one client address may hold, IPv6 counted by /64, exempt
// networks never counted, and everything given back when released.

#include "server/http/address_limit.h"

#include <QTest>

using nova::AddressLimit;

namespace {
QHostAddress at(const char *text)
{
    return QHostAddress(QString::fromLatin1(text));
}
} // namespace

class TestAddressLimit : public QObject
{
    Q_OBJECT

private slots:
    void anAddressHoldsUpToItsLimit()
    {
        AddressLimit limit(2, {});
        QVERIFY(limit.tryAcquire(at("203.0.113.9")));
        QVERIFY(limit.tryAcquire(at("203.0.113.9")));
        QVERIFY(!limit.tryAcquire(at("203.0.113.9")));
        QCOMPARE(limit.held(at("203.0.113.9")), 2);    // the refusal counted nothing
        QVERIFY(limit.tryAcquire(at("203.0.113.10"))); // another address is not affected
        limit.release(at("203.0.113.9"));
        QVERIFY(limit.tryAcquire(at("203.0.113.9")));
    }

    void ipv6CountsByItsSlash64AndMappedIpv4AsIpv4()
    {
        AddressLimit limit(2, {});
        QVERIFY(limit.tryAcquire(at("2001:db8:1:2::1")));
        QVERIFY(limit.tryAcquire(at("2001:db8:1:2::ffff")));
        QVERIFY(!limit.tryAcquire(at("2001:db8:1:2:abcd::7")));
        QVERIFY(limit.tryAcquire(at("2001:db8:1:3::1")));
        QVERIFY(limit.tryAcquire(at("::ffff:198.51.100.4")));
        QVERIFY(limit.tryAcquire(at("198.51.100.4")));
        QVERIFY(!limit.tryAcquire(at("198.51.100.4")));
    }

    void exemptNetworksAreNeverCounted()
    {
        AddressLimit limit(1, {QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8"))});
        for (int i = 0; i < 10; ++i)
            QVERIFY(limit.tryAcquire(at("10.1.2.3")));
        QCOMPARE(limit.addressesHolding(), 0);
        limit.release(at("10.1.2.3")); // giving back what was never counted changes nothing
        QVERIFY(limit.tryAcquire(at("192.0.2.1")));
        QVERIFY(!limit.tryAcquire(at("192.0.2.1")));
    }

    void releasingEverythingForgetsTheAddress()
    {
        AddressLimit limit(3, {});
        for (int i = 0; i < 3; ++i)
            QVERIFY(limit.tryAcquire(at("192.0.2.77")));
        for (int i = 0; i < 3; ++i)
            limit.release(at("192.0.2.77"));
        QCOMPARE(limit.addressesHolding(), 0);
        limit.release(at("192.0.2.77")); // one too many: no negative counts
        QCOMPARE(limit.held(at("192.0.2.77")), 0);
    }

    void zeroMeansNoLimit()
    {
        AddressLimit limit(0, {});
        for (int i = 0; i < 1000; ++i)
            QVERIFY(limit.tryAcquire(at("192.0.2.1")));
        QCOMPARE(limit.addressesHolding(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAddressLimit)
#include "tst_address_limit.moc"
