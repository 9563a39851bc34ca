// The HTTP front on real loopback sockets: limits answered before a body is read, connection
// closing, idle timeout, routing errors and late answers.

#include "server/http/http_server.h"
#include "shared/api_error.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace nova;

namespace {
// Reads one HTTP response (head + Content-Length body) from `socket`, waiting on its signals.
struct Response
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};

std::optional<Response> takeResponse(QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    Response response;
    response.head = buffer.left(end);
    response.status = response.head.mid(9, 3).toInt();
    qint64 length = 0;
    for (const QByteArray &line : response.head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    response.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return response;
}

class Client
{
public:
    explicit Client(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        QObject::connect(&m_socket, &QTcpSocket::readyRead,
                         [this] { m_buffer += m_socket.readAll(); });
    }
    QTcpSocket &socket() { return m_socket; }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    // Waits up to `ms` for the next complete response.
    std::optional<Response> next(int ms = 5000)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            if (auto response = takeResponse(m_buffer))
                return response;
            QTest::qWait(5);
        }
        return takeResponse(m_buffer);
    }
    bool closedByServer(int ms = 5000)
    {
        QDeadlineTimer deadline(ms);
        while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
            QTest::qWait(5);
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};
} // namespace

class TestConnectionGuard : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        HttpLimits limits;
        limits.framing.maxBodyBytes = 1024;
        limits.idleTimeout = std::chrono::milliseconds(300);
        m_server = std::make_unique<HttpServer>(limits);
        m_handled = 0;
        m_lateRequests = 0;
        m_lateAnswers = 0;
        using M = Router::Method;
        m_server->router().add(
            M::Post, QStringLiteral("/echo"), [this](const HttpRequest &request, HttpReply &reply) {
                ++m_handled;
                reply.send(HttpResponse::text(200, "text/plain", request.body()));
            });
        m_server->router().add(
            M::Get, QStringLiteral("/items/{id}"),
            [](const HttpRequest &request, HttpReply &reply) {
                reply.send(HttpResponse::text(200, "text/plain", request.param(0).toUtf8()));
            });
        m_server->router().add(M::Get, QStringLiteral("/fails"),
                               [](const HttpRequest &, HttpReply &) {
                                   throw ApiError::conflict(QStringLiteral("not now"));
                               });
        m_server->router().add(M::Get, QStringLiteral("/later"),
                               [this](const HttpRequest &, HttpReply &reply) {
                                   ++m_lateRequests;
                                   auto shared = std::make_shared<HttpReply>(std::move(reply));
                                   QTimer::singleShot(50, this, [this, shared] {
                                       shared->send(HttpResponse::text(200, "text/plain", "late"));
                                       ++m_lateAnswers;
                                   });
                               });
        QString error;
        QVERIFY2(m_server->bindTo(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    }
    void cleanup() { m_server.reset(); }

    void aBodyOverTheLimitIsRefusedBeforeItIsSent()
    {
        Client client(m_server->port());
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QVERIFY(response->body.contains("payload_too_large"));
        QVERIFY(client.closedByServer());
        QCOMPARE(m_handled, 0);
    }

    void anHttpLibraryUploadingTooMuchGetsThe413()
    {
        // QNetworkAccessManager writes the whole body before it reads the answer.
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/echo").arg(m_server->port())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
        QNetworkReply *reply = network.post(request, QByteArray(300'000, 'x'));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        QCOMPARE(m_handled, 0);
        reply->deleteLater();
    }

    void aBodyWithinTheLimitArrivingInPiecesIsHandledWhole()
    {
        Client client(m_server->port());
        client.send("POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nhello");
        QTRY_COMPARE(client.socket().bytesToWrite(), 0); // the first piece is on the wire
        client.send(" wrld");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, QByteArray("hello wrld"));
    }

    void connectionCloseIsHonoured()
    {
        Client client(m_server->port());
        client.send("GET /items/42 HTTP/1.1\r\nConnection: close\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray("42"));
        QVERIFY(client.closedByServer(1000));
    }

    void http10RequestsAreClosedAfterTheAnswer()
    {
        // nginx-rtmp's hook calls: HTTP/1.0, and it reads until the server closes.
        Client client(m_server->port());
        client.send("POST /echo HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    "Connection: Close\r\nContent-Length: 9\r\n\r\ncall=play");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray("call=play"));
        QVERIFY(client.closedByServer(1000));
    }

    void keepAliveServesSeveralRequests()
    {
        Client client(m_server->port());
        for (int i = 0; i < 3; ++i) {
            client.send("GET /items/" + QByteArray::number(i) + " HTTP/1.1\r\n\r\n");
            const auto response = client.next();
            QVERIFY(response);
            QCOMPARE(response->body, QByteArray::number(i));
        }
        QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    }

    void idleConnectionsAreClosed()
    {
        Client client(m_server->port());
        QTRY_COMPARE_WITH_TIMEOUT(client.socket().state(), QAbstractSocket::ConnectedState, 2000);
        QVERIFY(client.closedByServer(3000));
    }

    void expectContinueGetsAnInterimAnswer()
    {
        Client client(m_server->port());
        client.send("POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        const auto interim = client.next();
        QVERIFY(interim);
        QCOMPARE(interim->status, 100);
        client.send("ok");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray("ok"));
    }

    void routingErrorsAreJson_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("code");
        QTest::addRow("no such path")
            << QByteArray("GET /nowhere HTTP/1.1\r\n\r\n") << 404 << QByteArray("not_found");
        QTest::addRow("wrong method") << QByteArray("DELETE /echo HTTP/1.1\r\n\r\n") << 405
                                      << QByteArray("method_not_allowed");
        QTest::addRow("empty placeholder")
            << QByteArray("GET /items/ HTTP/1.1\r\n\r\n") << 404 << QByteArray("not_found");
        QTest::addRow("handler error")
            << QByteArray("GET /fails HTTP/1.1\r\n\r\n") << 409 << QByteArray("conflict");
        QTest::addRow("chunked body")
            << QByteArray("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411
            << QByteArray("length_required");
        QTest::addRow("garbage") << QByteArray::fromHex("160301020001000100fc03030d0a0d0a") << 400
                                 << QByteArray("bad_request");
    }
    void routingErrorsAreJson()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, code);
        Client client(m_server->port());
        client.send(request);
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QVERIFY2(response->body.contains("\"code\":\"" + code + "\""), response->body.constData());
        if (status == 405)
            QVERIFY(response->head.contains("Allow: POST"));
    }

    void aLateAnswerArrives()
    {
        Client client(m_server->port());
        client.send("GET /later HTTP/1.1\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray("late"));
    }

    void aLateAnswerToAClientThatLeftIsDropped()
    {
        {
            Client client(m_server->port());
            client.send("GET /later HTTP/1.1\r\n\r\n");
            QTRY_COMPARE(m_lateRequests, 1);
            client.socket().abort();
        }
        QTRY_COMPARE(m_lateAnswers, 1); // answered after the client left: the server survives it
        Client again(m_server->port());
        again.send("GET /items/1 HTTP/1.1\r\n\r\n");
        QVERIFY(again.next());
    }

private:
    std::unique_ptr<HttpServer> m_server;
    int m_handled = 0;
    int m_lateRequests = 0;
    int m_lateAnswers = 0;
};

QTEST_GUILESS_MAIN(TestConnectionGuard)
#include "tst_connection_guard.moc"
