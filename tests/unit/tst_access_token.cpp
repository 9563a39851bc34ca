// Personal tokens: what the server issues parses back; anything else is refused without a word,
// stream keys included; and comparisons tell nothing through an early exit on length.

#include "server/auth/access_token.h"
#include "server/streams/stream_key.h"
#include "shared/constant_time.h"

#include <QTest>

using namespace nova;

class TestAccessToken : public QObject
{
    Q_OBJECT

private slots:
    void anIssuedTokenParsesBackAndVerifies()
    {
        const AccessToken token = AccessToken::generate();
        QVERIFY(token.text().startsWith(u"nvt_"));
        // 64-bit selector and 256-bit verifier: at least 128 bits of secret.
        QCOMPARE(token.text().size(), 4 + 16 + 1 + 43);
        const auto parsed = AccessToken::parse(token.text());
        QVERIFY(parsed);
        QCOMPARE(parsed->selector(), token.selector());
        QVERIFY(parsed->verifies(token.verifierHash()));
        QVERIFY(!AccessToken::generate().verifies(token.verifierHash()));
        QVERIFY(AccessToken::generate().text() != token.text());
    }

    void aStreamKeyIsNotAToken()
    {
        const StreamKey key = StreamKey::generate();
        QVERIFY(!AccessToken::parse(key.text()));
        QVERIFY(!StreamKey::parse(AccessToken::generate().text()));
    }

    void malformedTokensAreRefused_data()
    {
        QTest::addColumn<QString>("text");
        const QString good = AccessToken::generate().text();
        QTest::addRow("empty") << QString();
        QTest::addRow("prefix only") << QStringLiteral("nvt_");
        QTest::addRow("truncated") << good.chopped(1);
        QTest::addRow("one too many") << good + u'A';
        QTest::addRow("upper-case selector") << QString(good).replace(4, 1, u'F');
        QTest::addRow("no separator") << QString(good).replace(20, 1, u'x');
        QTest::addRow("non-ascii verifier") << QString(good).replace(30, 1, u'é');
        QTest::addRow("padding") << QString(good).replace(good.size() - 1, 1, u'=');
        QTest::addRow("other prefix") << QString(good).replace(0, 4, QStringLiteral("nvx_"));
    }
    void malformedTokensAreRefused()
    {
        QFETCH(QString, text);
        QVERIFY(!AccessToken::parse(text));
    }

    void comparingSecrets_data()
    {
        QTest::addColumn<QByteArray>("presented");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<bool>("equal");
        QTest::addRow("same") << QByteArray("s3cret-token") << QByteArray("s3cret-token") << true;
        QTest::addRow("one byte off")
            << QByteArray("s3cret-tokem") << QByteArray("s3cret-token") << false;
        QTest::addRow("a prefix") << QByteArray("s3cret") << QByteArray("s3cret-token") << false;
        QTest::addRow("longer") << QByteArray("s3cret-token-and-more") << QByteArray("s3cret-token")
                                << false;
        // The secret repeated: equal to it byte for byte where they overlap, still not equal.
        QTest::addRow("the secret twice")
            << QByteArray("s3cret-tokens3cret-token") << QByteArray("s3cret-token") << false;
        QTest::addRow("empty") << QByteArray() << QByteArray("s3cret-token") << false;
    }
    void comparingSecrets()
    {
        QFETCH(QByteArray, presented);
        QFETCH(QByteArray, secret);
        QFETCH(bool, equal);
        QCOMPARE(constantTimeEquals(presented, secret), equal);
    }
};

QTEST_GUILESS_MAIN(TestAccessToken)
#include "tst_access_token.moc"
