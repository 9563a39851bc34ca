// ClientMessage: what a WebSocket client may send, and everything else refused with a reason.

#include "server/hub/client_message.h"

#include <QTest>

using nova::ClientMessage;
using Kind = ClientMessage::Kind;

class TestClientMessage : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("since");
        const int ping = int(Kind::Ping), replay = int(Kind::Replay), invalid = int(Kind::Invalid);
        QTest::addRow("ping") << QByteArray(R"({"type":"ping"})") << ping << qint64(0);
        QTest::addRow("replay") << QByteArray(R"({"type":"replay","since":41})") << replay
                                << qint64(41);
        QTest::addRow("replay from the start")
            << QByteArray(R"({"since":0,"type":"replay"})") << replay << qint64(0);
        QTest::addRow("negative since")
            << QByteArray(R"({"type":"replay","since":-1})") << invalid << qint64(0);
        QTest::addRow("fractional since")
            << QByteArray(R"({"type":"replay","since":1.5})") << invalid << qint64(0);
        QTest::addRow("string since")
            << QByteArray(R"({"type":"replay","since":"4"})") << invalid << qint64(0);
        QTest::addRow("huge since")
            << QByteArray(R"({"type":"replay","since":1e300})") << invalid << qint64(0);
        QTest::addRow("extra field")
            << QByteArray(R"({"type":"ping","x":1})") << invalid << qint64(0);
        QTest::addRow("unknown type")
            << QByteArray(R"({"type":"subscribe"})") << invalid << qint64(0);
        QTest::addRow("array") << QByteArray("[]") << invalid << qint64(0);
        QTest::addRow("not json") << QByteArray("ping") << invalid << qint64(0);
        QTest::addRow("empty") << QByteArray() << invalid << qint64(0);
        QTest::addRow("too large")
            << QByteArray(R"({"type":"ping","pad":")" + QByteArray(5000, 'x') + R"("})") << invalid
            << qint64(0);
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, kind);
        QFETCH(qint64, since);
        const ClientMessage message = ClientMessage::parse(text);
        QCOMPARE(int(message.kind), kind);
        if (message.kind == Kind::Replay)
            QCOMPARE(message.since, since);
        if (message.kind == Kind::Invalid)
            QVERIFY(!message.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClientMessage)
#include "tst_client_message.moc"
