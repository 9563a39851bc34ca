// The HTTP front on real loopback sockets: limits answered before a body is read, connection
// closing, idle timeout, routing errors, late answers in request order, HEAD, and the refusals of
// RFC 9112's framing rules.

#include "server/http/http_server.h"
#include "shared/api_error.h"
#include "tests/support/raw_http_client.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace nova;

using nova::test::RawHttpClient;

namespace {
// The server under test listens on loopback.
struct Client : RawHttpClient
{
    explicit Client(quint16 port)
        : RawHttpClient(QHostAddress::LocalHost, port)
    {}
};
// GET /ok answers 200 "ok": all a limit test needs to route.
void addOk(HttpServer &server)
{
    server.router().add(Router::Method::Get, QStringLiteral("/ok"),
                        [](const HttpRequest &, HttpReply &reply) {
                            reply.send(HttpResponse::text(200, "text/plain", "ok"));
                        });
}
} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        HttpLimits limits;
        limits.parsing.maxBodyBytes = 1024;
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
        // Answers after ?ms= milliseconds (50 by default) with its name, as a database would.
        m_server->router().add(
            M::Get, QStringLiteral("/later/{name}"),
            [this](const HttpRequest &request, HttpReply &reply) {
                ++m_lateRequests;
                const int ms = request.query().queryItemValue(QStringLiteral("ms")).toInt();
                auto shared = std::make_shared<HttpReply>(std::move(reply));
                QTimer::singleShot(ms > 0 ? ms : 50, this, [this, shared, name = request.param(0)] {
                    shared->send(HttpResponse::text(200, "text/plain", name.toUtf8()));
                    ++m_lateAnswers;
                });
            });
        m_server->router().addWebSocket(
            QStringLiteral("/ws/{id}"), [](const HttpRequest &request) -> std::any {
                if (request.param(0) != u"open")
                    throw ApiError::notFound(QStringLiteral("no such socket"));
                return request.url(); // what the route read, handed on
            });
        m_server->setUpgradeTaker([this](std::unique_ptr<QTcpSocket> socket, std::any upgrade) {
            m_upgradedUrl = std::any_cast<QUrl>(upgrade);
            m_upgradedHandshake = socket->readAll();
            socket->write("taken");
            socket->flush();
            m_upgraded.push_back(std::move(socket));
        });
        QString error;
        QVERIFY2(m_server->bindTo(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    }
    void cleanup()
    {
        m_upgraded.clear();
        m_server.reset();
    }

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
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello");
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
        client.send("GET /items/42 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
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
            client.send("GET /items/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
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
        client.send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
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
        QTest::addRow("no such path") << QByteArray("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
                                      << 404 << QByteArray("not_found");
        QTest::addRow("wrong method") << QByteArray("DELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n")
                                      << 405 << QByteArray("method_not_allowed");
        QTest::addRow("empty placeholder") << QByteArray("GET /items/ HTTP/1.1\r\nHost: x\r\n\r\n")
                                           << 404 << QByteArray("not_found");
        QTest::addRow("handler error") << QByteArray("GET /fails HTTP/1.1\r\nHost: x\r\n\r\n")
                                       << 409 << QByteArray("conflict");
        QTest::addRow("chunked body")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            << 411 << QByteArray("length_required");
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
        client.send("GET /later/late HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray("late"));
    }

    void aLateAnswerToAClientThatLeftIsDropped()
    {
        {
            Client client(m_server->port());
            client.send("GET /later/late HTTP/1.1\r\nHost: x\r\n\r\n");
            QTRY_COMPARE(m_lateRequests, 1);
            client.socket().abort();
        }
        QTRY_COMPARE(m_lateAnswers, 1); // answered after the client left: the server survives it
        Client again(m_server->port());
        again.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(again.next());
    }

    void pipelinedAnswersLeaveInRequestOrder()
    {
        // issue 19: the slow answer is ready last but written first, as it was asked first.
        Client client(m_server->port());
        client.send("GET /later/first?ms=150 HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /items/second HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /later/third?ms=20 HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        QList<QByteArray> bodies;
        for (int i = 0; i < 4; ++i) {
            const auto response = client.next();
            QVERIFY(response);
            bodies.append(response->status == 404 ? QByteArray("404") : response->body);
        }
        QCOMPARE(bodies, (QList<QByteArray>{"first", "second", "third", "404"}));
    }

    void manyPipelinedRequestsAreAllAnsweredInOrder()
    {
        // More than the read-ahead limit: the rest wait in the socket, then are read in turn.
        Client client(m_server->port());
        QByteArray requests;
        for (int i = 0; i < 40; ++i)
            requests += "GET /later/" + QByteArray::number(i) +
                        "?ms=" + QByteArray::number(40 - i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        client.send(requests);
        for (int i = 0; i < 40; ++i) {
            const auto response = client.next();
            QVERIFY2(response, qPrintable(QString::number(i)));
            QCOMPARE(response->body, QByteArray::number(i));
        }
    }

    void pipelinedRequestsBeyondTheReadBufferAreAllAnswered()
    {
        // More bytes than a connection buffers while its answers are pending: the rest waits in
        // the kernel and is read once answers leave.
        Client client(m_server->port());
        QByteArray requests;
        const QByteArray padding(3000, 'p');
        for (int i = 0; i < 60; ++i)
            requests += "GET /later/" + QByteArray::number(i) +
                        "?ms=5 HTTP/1.1\r\nHost: x\r\nX-Padding: " + padding + "\r\n\r\n";
        QVERIFY(requests.size() > 150'000);
        client.send(requests);
        for (int i = 0; i < 60; ++i) {
            const auto response = client.next();
            QVERIFY2(response, qPrintable(QString::number(i)));
            QCOMPARE(response->body, QByteArray::number(i));
        }
    }

    void headIsAGetWithoutItsBody()
    {
        Client client(m_server->port());
        client.send("HEAD /items/12345 HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /items/7 HTTP/1.1\r\nHost: x\r\n\r\n");
        // The HEAD answer says the GET's length but carries nothing: the next answer follows it.
        QDeadlineTimer deadline(5000);
        QByteArray all;
        while (!all.contains("\r\n\r\n7") && !deadline.hasExpired()) {
            QTest::qWait(5);
            all = client.buffered();
        }
        const qsizetype split = all.indexOf("HTTP/1.1", 1);
        QVERIFY2(split > 0, all.constData());
        const QByteArray head = all.left(split);
        QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
        QVERIFY(head.contains("Content-Length: 5\r\n"));
        QVERIFY(head.endsWith("\r\n\r\n"));
        QVERIFY(all.mid(split).startsWith("HTTP/1.1 200"));
    }

    void wrongMethodListsHeadWhereGetIs()
    {
        Client client(m_server->port());
        client.send("PUT /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 405);
        QVERIFY2(response->head.contains("Allow: GET, HEAD"), response->head.constData());
    }

    void malformedRequestsAreRefusedAndClosed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        // issue 19: what RFC 9112 and 9110 ask of each of these.
        QTest::addRow("HTTP/1.1 without Host")
            << QByteArray("GET /items/1 HTTP/1.1\r\n\r\n") << 400;
        QTest::addRow("two Hosts")
            << QByteArray("GET /items/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
        QTest::addRow("space before the colon")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\nhello")
            << 400;
        QTest::addRow("space in a field name")
            << QByteArray("GET /items/1 HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n") << 400;
        QTest::addRow("NUL in a value")
            << (QByteArray("GET /items/1 HTTP/1.1\r\nHost: x\r\nX: a") + '\0' + "b\r\n\r\n") << 400;
        QTest::addRow("obs-fold") << QByteArray(
                                         "GET /items/1 HTTP/1.1\r\nHost: x\r\nX: a\r\n  b\r\n\r\n")
                                  << 400;
        QTest::addRow("bare LF") << QByteArray("GET /items/1 HTTP/1.1\nHost: x\n\n") << 400;
        QTest::addRow("20 kB target")
            << QByteArray("GET /items/" + QByteArray(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")
            << 414;
        QTest::addRow("differing Content-Length")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                          "Content-Length: 2\r\n\r\nab")
            << 400;
        QTest::addRow("Content-Length with chunked")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n")
            << 411;
        QTest::addRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    }
    void malformedRequestsAreRefusedAndClosed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        Client client(m_server->port());
        client.send(request);
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QVERIFY(response->head.contains("Content-Type: application/json"));
        QVERIFY(response->head.contains("Connection: close"));
        QVERIFY(response->body.startsWith("{\"error\":"));
        QVERIFY(client.closedByServer());
        QCOMPARE(m_handled, 0); // no handler ever saw it
    }

    void aRefusalWaitsForTheAnswersBeforeIt()
    {
        Client client(m_server->port());
        client.send(
            "GET /later/kept?ms=80 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/1 HTTP/1.1\r\n\r\n");
        const auto first = client.next();
        QVERIFY(first);
        QCOMPARE(first->body, QByteArray("kept"));
        const auto second = client.next();
        QVERIFY(second);
        QCOMPARE(second->status, 400);
        QVERIFY(client.closedByServer());
    }

    void anUpgradeIsHandedOverWithItsHandshakeUnread()
    {
        Client client(m_server->port());
        const QByteArray handshake = "GET /ws/open?since=5 HTTP/1.1\r\nHost: x\r\n"
                                     "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        client.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n" + handshake);
        const auto before = client.next();
        QVERIFY(before);
        QCOMPARE(before->body, QByteArray("1"));
        QTRY_COMPARE(int(m_upgraded.size()), 1);
        QCOMPARE(m_upgradedHandshake, handshake);
        QCOMPARE(m_upgradedUrl.path(), QStringLiteral("/ws/open"));
        QCOMPARE(QUrlQuery(m_upgradedUrl).queryItemValue(QStringLiteral("since")),
                 QStringLiteral("5"));
        QTRY_VERIFY(client.buffered().endsWith("taken"));
    }

    void anUpgradeItsRouteRefusesIsAnHttpAnswer()
    {
        Client client(m_server->port());
        client.send("GET /ws/closed HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        QVERIFY(response->body.contains("no such socket"));
        QVERIFY(client.closedByServer());
        QCOMPARE(int(m_upgraded.size()), 0);
    }

    // Limits, each on a server of its own.
    void aRequestThatTricklesInIsAnswered408WhenItsTimeIsUp()
    {
        HttpLimits limits;
        limits.requestTimeout = std::chrono::milliseconds(400);
        limits.idleTimeout = std::chrono::milliseconds(10'000);
        HttpServer server(limits);
        addOk(server);
        QSignalSpy refused(&server, &HttpServer::refused);
        QString error;
        QVERIFY2(server.bindTo(QHostAddress::LocalHost, 0, &error), qPrintable(error));

        // A whole request first: its time does not count against the next one.
        Client client(server.port());
        client.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(client.next()->status, 200);
        // Then a head that never ends, a byte now and then (slowloris): each byte is traffic, so
        // only the request's own deadline ends it.
        QElapsedTimer sent;
        sent.start();
        client.send("GET /ok HTTP/1.1\r\nHost: a\r\n");
        QTimer trickle;
        QObject::connect(&trickle, &QTimer::timeout, [&] { client.send("X"); });
        trickle.start(100);
        const auto answer = client.next(5000);
        trickle.stop();
        QVERIFY(answer);
        QCOMPARE(answer->status, 408);
        QVERIFY(answer->body.contains("request_timeout"));
        QVERIFY2(sent.elapsed() < 3000, qPrintable(QString::number(sent.elapsed())));
        QVERIFY(client.closedByServer());
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().first().toString(), QStringLiteral("request_timeout"));
    }

    void connectionsFromOneAddressAreCappedButExemptNetworksAreNot()
    {
        HttpLimits limits;
        limits.maxConnectionsPerAddress = 2;
        limits.exemptNetworks = {};
        HttpServer server(limits);
        addOk(server);
        QSignalSpy refused(&server, &HttpServer::refused);
        QString error;
        QVERIFY2(server.bindTo(QHostAddress::LocalHost, 0, &error), qPrintable(error));

        auto first = std::make_unique<Client>(server.port());
        Client second(server.port());
        for (Client *client : {first.get(), &second}) {
            client->send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
            QCOMPARE(client->next()->status, 200);
        }
        Client third(server.port());
        const auto turnedAway = third.next();
        QVERIFY(turnedAway);
        QCOMPARE(turnedAway->status, 429);
        QVERIFY(third.closedByServer());
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().first().toString(), QStringLiteral("too_many_from_address"));

        // One leaves: a new one is welcome again.
        first.reset();
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 1, 5000);
        Client fourth(server.port());
        fourth.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(fourth.next()->status, 200);

        // The same limit with loopback exempt (a proxy in front, local tools): nobody is capped.
        HttpLimits exempt;
        exempt.maxConnectionsPerAddress = 1;
        HttpServer proxied(exempt);
        addOk(proxied);
        QVERIFY2(proxied.bindTo(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 5; ++i) {
            clients.push_back(std::make_unique<Client>(proxied.port()));
            clients.back()->send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
            QCOMPARE(clients.back()->next()->status, 200);
        }
    }

    void connectionsPastTheTotalWaitTheirTurn()
    {
        HttpLimits limits;
        limits.maxConnections = 2;
        HttpServer server(limits);
        addOk(server);
        QSignalSpy refused(&server, &HttpServer::refused);
        QString error;
        QVERIFY2(server.bindTo(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        auto a = std::make_unique<Client>(server.port());
        Client b(server.port());
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, 5000);
        Client c(server.port());
        c.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
        // The server goes on serving the two it holds; the third waits unanswered, not refused.
        b.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(b.next()->status, 200);
        QVERIFY(!c.next(300));
        QVERIFY(c.socket().state() == QAbstractSocket::ConnectedState);
        QCOMPARE(server.connections(), 2);
        // One leaves: the waiting connection is taken in and answered.
        a.reset();
        const auto answer = c.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(server.connections(), 2);
        QVERIFY(refused.isEmpty());
    }

private:
    std::unique_ptr<HttpServer> m_server;
    std::vector<std::unique_ptr<QTcpSocket>> m_upgraded;
    QByteArray m_upgradedHandshake;
    QUrl m_upgradedUrl;
    int m_handled = 0;
    int m_lateRequests = 0;
    int m_lateAnswers = 0;
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
