// HookAccess: hook calls only from the configured networks, or with the shared secret; each
// ingest node proves its name with its own secret.

#include "server/hooks/hook_access.h"
#include "server/hooks/ingest_node_secret.h"

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

    void aNodeProvesItsNameWithItsOwnSecret()
    {
        const QByteArray secret("s3cret-s3cret-s3cret");
        const HookAccess access({QHostAddress::parseSubnet("127.0.0.0/8")}, secret,
                                {"ingest-1", "ingest-2"});
        const QHostAddress outside("192.0.2.1");
        const auto node = [&](const QByteArray &presented, const QString &claimed,
                              const QHostAddress &peer) -> QString {
            const auto who = access.identify(peer, presented, claimed);
            if (const auto *refusal = std::get_if<HookAccess::Refusal>(&who))
                return QStringLiteral("refused: ") + refusal->reason;
            return std::get<QString>(who);
        };
        const QByteArray two = nova::ingestNodeSecret(secret, "ingest-2");
        QCOMPARE(node(two, "ingest-2", outside), QStringLiteral("ingest-2"));
        // Another node's secret or a trusted address prove no name; the hook secret proves any.
        QVERIFY(node(two, "ingest-1", outside)
                    .startsWith(u"refused: the hook names ingest node "
                                u"'ingest-1' without its secret"));
        QVERIFY(node({}, "ingest-1", QHostAddress::LocalHost).startsWith(u"refused"));
        QCOMPARE(node(secret, "ingest-1", outside), QStringLiteral("ingest-1"));
        QVERIFY(node(two, "ingest-9", outside).startsWith(u"refused: no ingest node is named"));
        // With several nodes, an admitted hook that names none cannot be placed.
        QVERIFY(node(secret, {}, outside).contains(u"does not say which ingest node"));
        QVERIFY(node({}, {}, QHostAddress::LocalHost).contains(u"does not say which ingest node"));
        // Not the secret of anything: nothing is admitted.
        QVERIFY(node("nope", {}, outside).contains(u"accepted only from configured addresses"));
    }

    void withASingleNodeAnAdmittedHookIsThatNodes()
    {
        const QByteArray secret("s3cret-s3cret-s3cret");
        const HookAccess access({QHostAddress::parseSubnet("127.0.0.0/8")}, secret);
        const auto who = access.identify(QHostAddress::LocalHost, {}, {});
        QCOMPARE(std::get<QString>(who), QStringLiteral("ingest-1"));
        const auto proven = access.identify(QHostAddress("192.0.2.1"),
                                            nova::ingestNodeSecret(secret, "ingest-1"), "ingest-1");
        QCOMPARE(std::get<QString>(proven), QStringLiteral("ingest-1"));
    }

    void theNodeSecretIsTheHmacOfItsName()
    {
        // What nova-stack derives with `openssl dgst -sha256 -hmac`, for the same inputs.
        QCOMPARE(nova::ingestNodeSecret("key", "The quick brown fox jumps over the lazy dog"),
                 QByteArray("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"));
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
