// StreamKey: generation, the exact accepted format, and verification against the stored hash.

#include "server/streams/stream_key.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using nova::StreamKey;

class TestStreamKey : public QObject
{
    Q_OBJECT

private slots:
    void generatedKeysHaveTheDocumentedShape()
    {
        const QString text = StreamKey::generate().text();
        static const QRegularExpression shape(
            QStringLiteral("^nvk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$"));
        QVERIFY2(shape.match(text).hasMatch(), qPrintable(text));
    }

    void generatedKeysDiffer()
    {
        QSet<QString> keys;
        QSet<QString> selectors;
        for (int i = 0; i < 1000; ++i) {
            const StreamKey key = StreamKey::generate();
            keys.insert(key.text());
            selectors.insert(key.selector());
        }
        QCOMPARE(keys.size(), 1000);
        QCOMPARE(selectors.size(), 1000);
    }

    void aGeneratedKeyParsesBackToItself()
    {
        const StreamKey key = StreamKey::generate();
        const auto parsed = StreamKey::parse(key.text());
        QVERIFY(parsed);
        QCOMPARE(parsed->text(), key.text());
        QCOMPARE(parsed->selector(), key.selector());
        QCOMPARE(parsed->verifierHash(), key.verifierHash());
    }

    void parseRejectsAnythingElse_data()
    {
        QTest::addColumn<QString>("text");
        const QString good = StreamKey::generate().text();
        QTest::addRow("empty") << QString();
        QTest::addRow("prefix only") << QStringLiteral("nvk_");
        QTest::addRow("wrong prefix") << QString(good).replace(0, 4, QStringLiteral("abc_"));
        QTest::addRow("one short") << good.chopped(1);
        QTest::addRow("one long") << good + u'A';
        QTest::addRow("upper-case selector")
            << good.left(4) + good.mid(4, 16).toUpper() + good.mid(20);
        QTest::addRow("separator replaced") << QString(good).replace(20, 1, u'-');
        QTest::addRow("space in verifier") << QString(good).replace(30, 1, u' ');
        QTest::addRow("slash in verifier") << QString(good).replace(30, 1, u'/');
        QTest::addRow("query string appended") << good + QStringLiteral("?a=b");
        QTest::addRow("non-latin") << QString(good).replace(25, 1, QChar(0x00e9));
    }
    void parseRejectsAnythingElse()
    {
        QFETCH(QString, text);
        QVERIFY(!StreamKey::parse(text));
    }

    void verifiesOnlyItsOwnHash()
    {
        const StreamKey key = StreamKey::generate();
        const StreamKey other = StreamKey::generate();
        QVERIFY(key.verifies(key.verifierHash()));
        QVERIFY(!key.verifies(other.verifierHash()));
        QVERIFY(!key.verifies(QString()));
        QVERIFY(!key.verifies(key.verifierHash().chopped(1)));
    }

    void theSameSelectorWithAnotherVerifierFails()
    {
        // Someone who learnt the selector (it is not secret) still needs the verifier.
        const StreamKey key = StreamKey::generate();
        const StreamKey other = StreamKey::generate();
        const QString forged = key.text().left(21) + other.text().mid(21);
        const auto parsed = StreamKey::parse(forged);
        QVERIFY(parsed);
        QCOMPARE(parsed->selector(), key.selector());
        QVERIFY(!parsed->verifies(key.verifierHash()));
    }

    void theHashIsSha256HexOfTheVerifierNotTheKey()
    {
        const StreamKey key = StreamKey::generate();
        QCOMPARE(key.verifierHash().size(), 64);
        QVERIFY(!key.verifierHash().contains(key.selector()));
        QVERIFY(key.verifierHash() != key.text());
    }
};

QTEST_GUILESS_MAIN(TestStreamKey)
#include "tst_stream_key.moc"
