// HubSession on a real socket: events in order and never twice, held during a replay, and a client
// that stops reading is given up before it can grow the server's memory without bound.

#include "server/hub/hub_session.h"

#include <QSignalSpy>
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
        m_server = std::make_unique<QWebSocketServer>(QStringLiteral("test"),
                                                      QWebSocketServer::NonSecureMode);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        m_client = std::make_unique<QWebSocket>();
        connect(m_client.get(), &QWebSocket::textMessageReceived, this,
                [this](const QString &text) { m_received.append(text); });
        QSignalSpy accepted(m_server.get(), &QWebSocketServer::newConnection);
        m_client->open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server->serverPort())));
        QVERIFY(accepted.wait(5000));
        m_session = std::make_unique<HubSession>(
            std::unique_ptr<QWebSocket>(m_server->nextPendingConnection()),
            HubSession::Kind::Viewer, QUuid::createUuid());
        m_received.clear();
    }
    void cleanup()
    {
        m_session.reset();
        m_client.reset();
        m_server.reset();
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
    std::unique_ptr<QWebSocketServer> m_server;
    std::unique_ptr<QWebSocket> m_client;
    std::unique_ptr<HubSession> m_session;
    QStringList m_received;
};

QTEST_GUILESS_MAIN(TestHubSession)
#include "tst_hub_session.moc"
