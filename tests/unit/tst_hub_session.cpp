// HubSession on a real socket: events in order and never twice, held during a replay, and a client
// that stops reading is given up before it can grow the server's memory without bound.

#include "server/hub/hub_session.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace nova;

class TestHubSession : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        // As the hub's shards do: the TCP connection accepted first, its handshake done by a
        // QWebSocketServer, and the TCP socket given to the WebSocket.
        m_server = std::make_unique<QWebSocketServer>(QStringLiteral("test"),
                                                      QWebSocketServer::NonSecureMode);
        QVERIFY(m_listener.listen(QHostAddress::LocalHost));
        m_client = std::make_unique<QWebSocket>();
        connect(m_client.get(), &QWebSocket::textMessageReceived, this,
                [this](const QString &text) { m_received.append(text); });
        QSignalSpy upgraded(m_server.get(), &QWebSocketServer::newConnection);
        m_client->open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_listener.serverPort())));
        QVERIFY(m_listener.waitForNewConnection(5000));
        m_tcp = m_listener.nextPendingConnection();
        m_server->handleConnection(m_tcp);
        QVERIFY(upgraded.wait(5000));
        std::unique_ptr<QWebSocket> socket(m_server->nextPendingConnection());
        QObject::disconnect(m_tcp, &QAbstractSocket::disconnected, m_server.get(), nullptr);
        m_tcp->setParent(socket.get());
        m_session = std::make_unique<HubSession>(std::move(socket), *m_tcp,
                                                 HubSession::Kind::Viewer, QUuid::createUuid());
        // The handshake's answer out: what the session sends goes to the kernel directly.
        QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), QAbstractSocket::ConnectedState, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_tcp->bytesToWrite(), 0, 5000);
        m_received.clear();
    }
    void cleanup()
    {
        m_session.reset();
        m_client.reset();
        m_server.reset();
        m_listener.close();
    }

    void eventsGoOutOnceAndInOrder()
    {
        const QUuid stream = m_session->stream();
        QVERIFY(m_session->deliver(stream, 1, "one"));
        QVERIFY(m_session->deliver(stream, 2, "two"));
        QVERIFY(m_session->deliver(stream, 2, "two again"));
        QVERIFY(m_session->deliver(stream, 1, "old"));
        QVERIFY(m_session->deliver(stream, 3, "three"));
        QTRY_COMPARE(m_received.size(), 3);
        QCOMPARE(m_received, QStringList({"one", "two", "three"}));
    }

    // Frames go to the socket past QWebSocket: every length encoding a header can have, and one
    // larger than the kernel takes at once (the rest queued behind it), arrive whole and in
    // order, and a ping QWebSocket sends in between does not break them.
    void framesOfEverySizeArriveWhole()
    {
        const QUuid stream = m_session->stream();
        QList<QByteArray> sent;
        for (const int size : {0, 1, 125, 126, 127, 65535, 65536, 600 * 1024, 3}) {
            QByteArray payload(size, char('a' + sent.size()));
            if (size > 0)
                payload[0] = '{';
            sent.append(payload);
        }
        // A small send buffer, so that the kernel takes only part of the large frame.
        m_tcp->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 32 * 1024);
        QSignalSpy ponged(m_session->socket(), &QWebSocket::pong);
        qint64 seq = 0;
        for (const QByteArray &payload : std::as_const(sent)) {
            QVERIFY2(m_session->deliver(stream, ++seq, payload), qPrintable(QString::number(seq)));
            if (payload.size() == 600 * 1024)
                m_session->socket()->ping("between");
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), sent.size(), 10'000);
        for (qsizetype i = 0; i < sent.size(); ++i)
            QVERIFY2(m_received[i].toUtf8() == sent[i], qPrintable(QString::number(i)));
        // The client answered the server's ping: the control frame arrived whole between them.
        QTRY_VERIFY_WITH_TIMEOUT(!ponged.isEmpty(), 5000);
    }

    void endedStreamsAreNotRememberedForever()
    {
        // An operator's session hears of every stream: what it keeps of each goes with the stream.
        QList<QUuid> streams;
        for (int i = 0; i < 1000; ++i) {
            streams.append(QUuid::createUuid());
            QVERIFY(m_session->deliver(streams.last(), 1, "ended"));
        }
        QCOMPARE(m_session->streamsRemembered(), 1000);
        for (const QUuid &stream : std::as_const(streams))
            m_session->forget(stream);
        QCOMPARE(m_session->streamsRemembered(), 0);
    }

    void replaysAreLimitedPerMinute()
    {
        const qint64 t0 = 1'000'000;
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_session->allowReplay(t0 + i * 1000, 3));
        QVERIFY(!m_session->allowReplay(t0 + 5000, 3));
        QVERIFY(!m_session->allowReplay(t0 + 59'999, 3));
        // A minute after the first, one more may go; refused asks did not count.
        QVERIFY(m_session->allowReplay(t0 + 60'000, 3));
        QVERIFY(!m_session->allowReplay(t0 + 60'500, 3));
        QVERIFY(m_session->allowReplay(t0 + 61'000, 3));
    }

    void liveEventsWaitForTheReplay()
    {
        const QUuid stream = m_session->stream();
        m_session->holdLiveEvents();
        QVERIFY(m_session->deliver(stream, 5, "live 5"));
        QVERIFY(m_session->deliverNow(stream, 3, "replayed 3"));
        QVERIFY(m_session->deliverNow(stream, 4, "replayed 4"));
        QVERIFY(m_session->deliverNow(stream, 5, "replayed 5"));
        QVERIFY(m_session->releaseLiveEvents()); // "live 5" is a repeat now
        QVERIFY(m_session->deliver(stream, 6, "live 6"));
        QTRY_COMPARE(m_received.size(), 4);
        QCOMPARE(m_received, QStringList({"replayed 3", "replayed 4", "replayed 5", "live 6"}));
    }

    void aClientThatDoesNotReadIsGivenUp()
    {
        // The client stops reading: the kernel's buffers fill, then the socket's queue grows.
        m_client->disconnect(this);
        m_client->setReadBufferSize(1);
        const QUuid stream = m_session->stream();
        const QByteArray frame(64 * 1024, 'x');
        qint64 sent = 0;
        bool givenUp = false;
        for (qint64 seq = 1; seq <= 2000 && !givenUp; ++seq) {
            givenUp = !m_session->deliver(stream, seq, frame);
            sent += frame.size();
            QCoreApplication::processEvents(); // let the socket write what the network takes
        }
        QVERIFY2(givenUp, "the server kept queueing for a client that does not read");
        QVERIFY2(sent < 100 * 1024 * 1024, qPrintable(QString::number(sent)));
    }

private:
    QTcpServer m_listener;
    QTcpSocket *m_tcp = nullptr; // under the session's WebSocket
    std::unique_ptr<QWebSocketServer> m_server;
    std::unique_ptr<QWebSocket> m_client;
    std::unique_ptr<HubSession> m_session;
    QStringList m_received;
};

QTEST_GUILESS_MAIN(TestHubSession)
#include "tst_hub_session.moc"
