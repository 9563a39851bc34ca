// The API's HTTP/1.1 front as a proxy or a pipelining client meets it, over raw sockets to the
// stack's nova-server: answers in the order asked, HEAD wherever GET is, and malformed framing
// refused before any handler runs (issue 19).

#include "tests/support/http_call.h"
#include "tests/support/raw_http_client.h"
#include "tests/support/stack_env.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace nova::test;

namespace {
RawHttpClient connectToApi()
{
    const QUrl api = StackEnv::get().apiUrl;
    return RawHttpClient(QHostAddress(api.host()), quint16(api.port()));
}

QByteArray get(const QByteArray &target, const QByteArray &method = "GET")
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

qsizetype streamsIn(const RawResponse &response)
{
    return QJsonDocument::fromJson(response.body).object().value(u"streams").toArray().size();
}
} // namespace

class TestHttpConformance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        // At least two streams, so that a 50-row and a 1-row page differ.
        m_streamId = createStream(QStringLiteral("conformance a")).value(u"id").toString();
        createStream(QStringLiteral("conformance b"));
    }

    void pipelinedRequestsAreAnsweredInTheOrderAsked()
    {
        // The long list takes the database longest and /healthz none: still, first asked, first
        // out.
        auto client = connectToApi();
        client.send(get("/api/v1/streams?status=all&limit=50") + get("/healthz") +
                    get("/api/v1/streams?status=all&limit=1"));
        const auto first = client.next();
        const auto second = client.next();
        const auto third = client.next();
        QVERIFY(first && second && third);
        QCOMPARE(first->status, 200);
        QVERIFY2(streamsIn(*first) >= 2, first->body.constData());
        QCOMPARE(second->status, 200);
        QVERIFY2(!second->body.contains("streams"), second->body.constData());
        QCOMPARE(third->status, 200);
        QCOMPARE(streamsIn(*third), 1);
    }

    void headIsServedWhereGetIs()
    {
        const QByteArray target = "/api/v1/streams/" + m_streamId.toUtf8();
        auto client = connectToApi();
        client.send(get(target, "HEAD") + get(target));
        const auto head = client.next(5000, true);
        const auto full = client.next();
        QVERIFY(head && full);
        QCOMPARE(head->status, 200);
        QCOMPARE(head->header("content-type"), QByteArray("application/json"));
        QVERIFY(full->body.contains(m_streamId.toUtf8())); // nothing of a body came before it
        QCOMPARE(head->header("content-length").toLongLong(), full->body.size());
    }

    void wrongMethodListsHead()
    {
        auto client = connectToApi();
        client.send(get("/api/v1/streams", "PUT"));
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 405);
        const QByteArray allow = response->header("allow");
        QVERIFY2(allow.contains("GET") && allow.contains("HEAD") && allow.contains("POST"),
                 allow.constData());
    }

    void malformedFramingIsRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addRow("HTTP/1.1 without Host")
            << QByteArray("GET /healthz HTTP/1.1\r\n\r\n") << 400;
        QTest::addRow("space before the colon")
            << QByteArray("POST /api/v1/streams HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\n"
                          "hello")
            << 400;
        QTest::addRow("space in a field name")
            << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n") << 400;
        QTest::addRow("NUL in a field value")
            << (QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nX: a") + '\0' + "b\r\n\r\n") << 400;
        QTest::addRow("obs-fold") << QByteArray(
                                         "GET /healthz HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n")
                                  << 400;
        QTest::addRow("20 kB target")
            << QByteArray("GET /api/v1/streams?x=" + QByteArray(20000, 'a') +
                          " HTTP/1.1\r\nHost: x\r\n\r\n")
            << 414;
        QTest::addRow("differing Content-Length")
            << QByteArray("POST /api/v1/streams HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                          "Content-Length: 2\r\n\r\nab")
            << 400;
        QTest::addRow("Content-Length with chunked")
            << QByteArray("POST /api/v1/streams HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << 411;
        QTest::addRow("obs-fold in a hook call")
            << QByteArray("POST /hooks/rtmp/on_publish HTTP/1.0\r\nContent-Length: 4\r\n"
                          "X: a\r\n\tb\r\n\r\nname")
            << 400;
    }
    void malformedFramingIsRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        auto client = connectToApi();
        client.send(request);
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(response->header("connection"), QByteArray("close"));
        QVERIFY2(response->body.startsWith("{\"error\":{\"code\":"), response->body.constData());
        QVERIFY(client.closedByServer());
    }

private:
    QString m_streamId;
};

QTEST_GUILESS_MAIN(TestHttpConformance)
#include "tst_http_conformance.moc"
