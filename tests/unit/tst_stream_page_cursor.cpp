// StreamPageCursor: opaque to clients, exact for the server, and garbage is refused.

#include "server/store/stream_page_cursor.h"

#include <QTest>

using nova::StreamPageCursor;

class TestStreamPageCursor : public QObject
{
    Q_OBJECT

private slots:
    void roundTrips()
    {
        const StreamPageCursor cursor{1'795'000'000'123'456, QUuid::createUuid()};
        const QString text = cursor.encode();
        QVERIFY(!text.contains(cursor.id.toString(QUuid::WithoutBraces))); // opaque
        const auto decoded = StreamPageCursor::decode(text);
        QVERIFY(decoded);
        QCOMPARE(decoded->createdMicros, cursor.createdMicros);
        QCOMPARE(decoded->id, cursor.id);
    }

    void garbageIsRefused_data()
    {
        QTest::addColumn<QString>("text");
        const auto encode = [](const QByteArray &raw) {
            return QString::fromLatin1(
                raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        };
        QTest::addRow("empty") << QString();
        QTest::addRow("not base64") << QStringLiteral("!!!");
        QTest::addRow("no separator") << encode("12345");
        QTest::addRow("not a number") << encode("abc.6f1c7e4e-3d2b-4c8e-9f00-0123456789ab");
        QTest::addRow("negative time") << encode("-5.6f1c7e4e-3d2b-4c8e-9f00-0123456789ab");
        QTest::addRow("not a uuid") << encode("1795000000123456.nope");
        QTest::addRow("too long") << QString(200, u'A');
    }
    void garbageIsRefused()
    {
        QFETCH(QString, text);
        QVERIFY(!StreamPageCursor::decode(text));
    }
};

QTEST_GUILESS_MAIN(TestStreamPageCursor)
#include "tst_stream_page_cursor.moc"
