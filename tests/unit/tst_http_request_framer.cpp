// HttpRequestFramer: request boundaries and limits, checked before any body is read.

#include "server/http/http_request_framer.h"

#include <QTest>

using nova::HttpRequestFramer;
using Kind = HttpRequestFramer::Result::Kind;

namespace {
HttpRequestFramer framer(qint64 maxBody = 64, qsizetype maxHead = 512)
{
    return HttpRequestFramer({maxHead, maxBody});
}
} // namespace

class TestHttpRequestFramer : public QObject
{
    Q_OBJECT

private slots:
    void outcomes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("completed");
        QTest::addColumn<bool>("close");

        const int fine = int(Kind::Fine), reject = int(Kind::Reject), upgrade = int(Kind::Upgrade);
        QTest::addRow("get") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << fine << 0 << 1
                             << false;
        QTest::addRow("lf-only lines")
            << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << fine << 0 << 1 << false;
        QTest::addRow("leading blank line")
            << QByteArray("\r\nGET / HTTP/1.1\r\n\r\n") << fine << 0 << 1 << false;
        QTest::addRow("head incomplete")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << fine << 0 << 0 << false;
        QTest::addRow("post with body")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc") << fine << 0 << 1
            << false;
        QTest::addRow("body incomplete")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab") << fine << 0 << 0
            << false;
        QTest::addRow("pipelined")
            << QByteArray("GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: "
                          "1\r\n\r\nxGET /c HTTP/1.1\r\n\r\n")
            << fine << 0 << 3 << false;
        QTest::addRow("http/1.0 closes")
            << QByteArray("POST /h HTTP/1.0\r\nContent-Length: 2\r\n\r\nab") << fine << 0 << 1
            << true;
        QTest::addRow("http/1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << fine << 0 << 1
            << false;
        QTest::addRow("connection close")
            << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << fine << 0 << 1 << true;
        QTest::addRow("connection close among tokens")
            << QByteArray("GET / HTTP/1.1\r\nconnection: TE, Close\r\n\r\n") << fine << 0 << 1
            << true;
        QTest::addRow("body at the limit")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 64\r\n\r\n") << fine << 0 << 0
            << false;
        QTest::addRow("body over the limit: 413 before the body")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n") << reject << 413 << 0
            << false;
        QTest::addRow("huge length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")
            << reject << 400 << 0 << false;
        QTest::addRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << reject << 400 << 0
            << false;
        QTest::addRow("conflicting lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << reject << 400 << 0 << false;
        QTest::addRow("chunked: 411")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << reject << 411
            << 0 << false;
        QTest::addRow("bad request line")
            << QByteArray("HELLO\r\n\r\n") << reject << 400 << 0 << false;
        QTest::addRow("http/2 preface")
            << QByteArray("PRI * HTTP/2.0\r\n\r\n") << reject << 400 << 0 << false;
        QTest::addRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nNoColonHere\r\n\r\n") << reject << 400 << 0 << false;
        QTest::addRow("head over the limit: 431")
            << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(600, 'a')) << reject << 431 << 0
            << false;
        QTest::addRow("websocket upgrade")
            << QByteArray("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
            << upgrade << 0 << 0 << false;
        QTest::addRow("request before an upgrade counts")
            << QByteArray("GET / HTTP/1.1\r\n\r\nGET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n")
            << upgrade << 0 << 1 << false;
    }
    void outcomes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(int, completed);
        QFETCH(bool, close);

        // The same outcome whether the bytes come at once or one at a time.
        for (const bool bytewise : {false, true}) {
            auto f = framer();
            HttpRequestFramer::Result total;
            if (bytewise) {
                for (char c : bytes) {
                    const auto r = f.feed(QByteArrayView(&c, 1));
                    total.completedRequests += r.completedRequests;
                    total.closeRequested |= r.closeRequested;
                    total.kind = r.kind;
                    total.status = r.status;
                    if (r.kind != Kind::Fine)
                        break;
                }
            } else {
                total = f.feed(bytes);
            }
            QCOMPARE(int(total.kind), kind);
            QCOMPARE(total.status, status);
            if (kind != int(Kind::Reject))
                QCOMPARE(total.completedRequests, completed);
            QCOMPARE(total.closeRequested, close);
        }
    }

    void expectContinueIsReportedUntilTheBodyArrives()
    {
        auto f = framer();
        auto r = f.feed("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        QVERIFY(r.continueExpected);
        r = f.feed("ab");
        QVERIFY(!r.continueExpected);
        QCOMPARE(r.completedRequests, 1);
    }

    void afterARejectEverythingIsRejected()
    {
        auto f = framer();
        QCOMPARE(f.feed("POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n").status, 413);
        const auto again = f.feed("GET / HTTP/1.1\r\n\r\n");
        QCOMPARE(again.kind, Kind::Reject);
        QCOMPARE(again.status, 413);
    }

    void aLongKeepAliveConnectionStaysWithinTheHeadLimit()
    {
        // The head limit is per request, not per connection.
        auto f = framer();
        for (int i = 0; i < 1000; ++i) {
            const auto r = f.feed("GET /api/v1/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QCOMPARE(r.kind, Kind::Fine);
            QCOMPARE(r.completedRequests, 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestFramer)
#include "tst_http_request_framer.moc"
