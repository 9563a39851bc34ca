// HttpRequestParser: requests read strictly after RFC 9112, limits checked before a body is read,
// and the same requests whatever the bytes' chunking.

#include "server/http/http_request_parser.h"

#include <QTest>

using nova::HttpMethod;
using nova::HttpRequestParser;
using Kind = HttpRequestParser::Step::Kind;

namespace {
HttpRequestParser parser(qint64 maxBody = 64, qsizetype maxHead = 512, qsizetype maxTarget = 128)
{
    return HttpRequestParser({maxHead, maxTarget, maxBody});
}

// Everything one input yields, fed in chunks of `chunk` bytes (0: all at once).
struct Outcome
{
    QList<nova::ParsedRequest> requests;
    int status = 0; // of the rejection, if any
    bool continueExpected = false;
};

Outcome parseAll(const QByteArray &bytes, qsizetype chunk)
{
    auto p = parser();
    Outcome outcome;
    if (chunk == 0)
        chunk = bytes.size();
    for (qsizetype at = 0; at < bytes.size() && outcome.status == 0; at += chunk) {
        QByteArrayView piece = QByteArrayView(bytes).sliced(at, std::min(chunk, bytes.size() - at));
        while (!piece.isEmpty()) {
            auto step = p.feed(piece);
            if (step.kind == Kind::Reject) {
                outcome.status = step.status;
                break;
            }
            outcome.continueExpected |= step.continueExpected;
            if (step.kind == Kind::Request)
                outcome.requests.append(step.request);
            piece = piece.sliced(step.consumed);
        }
    }
    return outcome;
}
} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void outcomes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status"); // 0: no rejection
        QTest::addColumn<int>("requests");
        QTest::addColumn<bool>("lastKeepsAlive");

        QTest::addRow("get") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << 0 << 1 << true;
        QTest::addRow("leading empty line")
            << QByteArray("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n") << 0 << 1 << true;
        QTest::addRow("head incomplete")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << 0 << 0 << true;
        QTest::addRow("post with body")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc") << 0 << 1
            << true;
        QTest::addRow("body incomplete")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab") << 0 << 0
            << true;
        QTest::addRow("pipelined")
            << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: "
                          "x\r\nContent-Length: 1\r\n\r\nxGET /c HTTP/1.1\r\nHost: x\r\n\r\n")
            << 0 << 3 << true;
        QTest::addRow("http/1.0 closes without Host")
            << QByteArray("POST /h HTTP/1.0\r\nContent-Length: 2\r\n\r\nab") << 0 << 1 << false;
        QTest::addRow("http/1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << 0 << 1 << true;
        QTest::addRow("connection close")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << 0 << 1
            << false;
        QTest::addRow("connection close among tokens")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nconnection: TE, Close\r\n\r\n") << 0 << 1
            << false;
        QTest::addRow("absolute-form target")
            << QByteArray("GET http://x/api?a=1 HTTP/1.1\r\nHost: x\r\n\r\n") << 0 << 1 << true;
        QTest::addRow("obs-text in a value")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Name: caf\xc3\xa9\r\n\r\n") << 0 << 1
            << true;
        QTest::addRow("body at the limit")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 64\r\n\r\n") << 0 << 0
            << true;
        QTest::addRow("websocket upgrade ends at its head")
            << QByteArray("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                          "Upgrade\r\n\r\n\x81\x05hello")
            << 0 << 1 << false;

        // Refusals, each before any body is buffered.
        QTest::addRow("body over the limit: 413 before the body")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n") << 413 << 0
            << false;
        QTest::addRow("huge length")
            << QByteArray(
                   "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n")
            << 400 << 0 << false;
        QTest::addRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << 400 << 0
            << false;
        QTest::addRow("conflicting lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: "
                          "2\r\n\r\n")
            << 400 << 0 << false;
        QTest::addRow("chunked: 411")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n") << 411
            << 0 << false;
        QTest::addRow("chunked with a length: 411")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n")
            << 411 << 0 << false;
        QTest::addRow("bad request line") << QByteArray("HELLO\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("double space in the request line")
            << QByteArray("GET  / HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("http/2 preface")
            << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505 << 0 << false;
        QTest::addRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("head over the limit: 431")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(600, 'a')) << 431 << 0
            << false;
        QTest::addRow("issue 19: no Host in 1.1")
            << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("issue 19: two Hosts")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("issue 19: space before the colon")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\nhello") << 400
            << 0 << false;
        QTest::addRow("issue 19: space in a field name")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX Y: 1\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("issue 19: NUL in a value")
            << (QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX: a") + '\0' + "b\r\n\r\n") << 400 << 0
            << false;
        QTest::addRow("issue 19: CR in a value")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("issue 19: obs-fold")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("issue 19: bare LF")
            << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << 400 << 0 << false;
        QTest::addRow("issue 19: over-long target: 414")
            << QByteArray("GET /" + QByteArray(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n") << 414
            << 0 << false;
        QTest::addRow("target just over the limit: 414")
            << QByteArray("GET /" + QByteArray(128, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n") << 414
            << 0 << false;
        QTest::addRow("control character in the target")
            << QByteArray("GET /a\x01 HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("target not a path")
            << QByteArray("GET api HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << 0 << false;
        QTest::addRow("upgrade with a body")
            << QByteArray("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nContent-Length: "
                          "2\r\n\r\nab")
            << 400 << 0 << false;
        QTest::addRow("a good request, then a bad one")
            << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n") << 400 << 1
            << true;
    }
    void outcomes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(int, requests);
        QFETCH(bool, lastKeepsAlive);

        // The same outcome whether the bytes come at once, one at a time or in threes.
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(3)}) {
            const Outcome outcome = parseAll(bytes, chunk);
            QCOMPARE(outcome.status, status);
            QCOMPARE(outcome.requests.size(), requests);
            if (requests > 0 && status == 0)
                QCOMPARE(outcome.requests.last().keepAlive, lastKeepsAlive);
        }
    }

    void aRequestIsReadWhole()
    {
        const Outcome outcome =
            parseAll("POST /api/v1/streams?x=1 HTTP/1.1\r\nHost: h\r\nContent-Type:  "
                     "application/json \r\nContent-Length: 2\r\n\r\n{}",
                     0);
        QCOMPARE(outcome.requests.size(), 1);
        const auto &request = outcome.requests.first();
        QCOMPARE(request.method, HttpMethod::Post);
        QCOMPARE(request.target, QByteArray("/api/v1/streams?x=1"));
        QCOMPARE(request.header("content-type"), QByteArray("application/json"));
        QCOMPARE(request.header("host"), QByteArray("h"));
        QCOMPARE(request.body, QByteArray("{}"));
    }

    void methodsAreCaseSensitive_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("method");
        QTest::addRow("GET") << QByteArray("GET") << int(HttpMethod::Get);
        QTest::addRow("HEAD") << QByteArray("HEAD") << int(HttpMethod::Head);
        QTest::addRow("DELETE") << QByteArray("DELETE") << int(HttpMethod::Delete);
        QTest::addRow("get is another method") << QByteArray("get") << int(HttpMethod::Other);
        QTest::addRow("BREW") << QByteArray("BREW") << int(HttpMethod::Other);
    }
    void methodsAreCaseSensitive()
    {
        QFETCH(QByteArray, token);
        QFETCH(int, method);
        const Outcome outcome = parseAll(token + " / HTTP/1.1\r\nHost: x\r\n\r\n", 0);
        QCOMPARE(outcome.requests.size(), 1);
        QCOMPARE(int(outcome.requests.first().method), method);
    }

    void absoluteFormIsAnsweredAsItsPath()
    {
        const Outcome outcome =
            parseAll("GET http://x:8081/healthz?a=b HTTP/1.1\r\nHost: x\r\n\r\n", 0);
        QCOMPARE(outcome.requests.size(), 1);
        QCOMPARE(outcome.requests.first().target, QByteArray("/healthz?a=b"));
    }

    void expectContinueIsReportedUntilTheBodyArrives()
    {
        auto p = parser();
        auto step = p.feed(
            "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        QCOMPARE(step.kind, Kind::NeedMore);
        QVERIFY(step.continueExpected);
        step = p.feed("ab");
        QCOMPARE(step.kind, Kind::Request);
        QVERIFY(!step.continueExpected);
        QCOMPARE(step.request.body, QByteArray("ab"));
    }

    void aRequestEndsWhereItsBodyEnds()
    {
        // What follows a request belongs to the next one, never to this one.
        auto p = parser();
        const QByteArray bytes =
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\n";
        const auto step = p.feed(bytes);
        QCOMPARE(step.kind, Kind::Request);
        QCOMPARE(step.consumed, bytes.indexOf("GET"));
        QCOMPARE(step.request.body, QByteArray("abc"));
    }

    void afterARejectEverythingIsRejected()
    {
        auto p = parser();
        QCOMPARE(p.feed("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n").status, 413);
        const auto again = p.feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(again.kind, Kind::Reject);
        QCOMPARE(again.status, 413);
    }

    void aLongKeepAliveConnectionStaysWithinTheHeadLimit()
    {
        // The head limit is per request, not per connection.
        auto p = parser();
        for (int i = 0; i < 1000; ++i) {
            const auto step = p.feed("GET /api/v1/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QCOMPARE(step.kind, Kind::Request);
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_http_request_parser.moc"
