// HookAccess: hook calls only from the configured networks, or with the shared secret.

#include "server/hooks/hook_access.h"

#include <QTest>

using nova::HookAccess;

class TestHookAccess : public QObject
{
    Q_OBJECT

private slots:
    void admits_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<bool>("admitted");
        const QByteArray secret("s3cret-s3cret-s3cret");
        QTest::addRow("loopback") << "127.0.0.1" << QByteArray() << true;
        QTest::addRow("loopback, other address") << "127.8.9.10" << QByteArray() << true;
        QTest::addRow("ipv6 loopback") << "::1" << QByteArray() << true;
        QTest::addRow("mapped ipv4 loopback") << "::ffff:127.0.0.1" << QByteArray() << true;
        QTest::addRow("configured network") << "10.20.30.40" << QByteArray() << true;
        QTest::addRow("outside, no secret") << "192.0.2.1" << QByteArray() << false;
        QTest::addRow("outside, right secret") << "192.0.2.1" << secret << true;
        QTest::addRow("outside, wrong secret")
            << "192.0.2.1" << QByteArray("s3cret-s3cret-s3creT") << false;
        QTest::addRow("outside, secret prefix") << "192.0.2.1" << secret.left(10) << false;
        QTest::addRow("mapped ipv4 outside") << "::ffff:192.0.2.1" << QByteArray() << false;
    }
    void admits()
    {
        QFETCH(QString, peer);
        QFETCH(QByteArray, secret);
        QFETCH(bool, admitted);
        const HookAccess access({QHostAddress::parseSubnet("127.0.0.0/8"),
                                 QHostAddress::parseSubnet("::1/128"),
                                 QHostAddress::parseSubnet("10.0.0.0/8")},
                                "s3cret-s3cret-s3cret");
        QCOMPARE(access.admits(QHostAddress(peer), secret), admitted);
    }

    void withoutASecretConfiguredNoSecretAdmits()
    {
        const HookAccess access({QHostAddress::parseSubnet("127.0.0.0/8")}, QByteArray());
        QVERIFY(!access.admits(QHostAddress("192.0.2.1"), QByteArray()));
        QVERIFY(!access.admits(QHostAddress("192.0.2.1"), QByteArray("anything")));
    }
};

QTEST_GUILESS_MAIN(TestHookAccess)
#include "tst_hook_access.moc"
