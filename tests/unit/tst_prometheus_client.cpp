// PrometheusClient over a real socket: what it asks (PromQL encoded so that '+' stays a plus),
// what it makes of the answer, and a clear error when Prometheus is silent or not there.
#include "console/prometheus/prometheus_client.h"
#include "shared/qt_compat.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using nova::PrometheusClient;
using nova::PrometheusError;
using nova::PrometheusResult;

namespace {
// One-shot HTTP server on loopback: keeps the request line, answers `response` (or nothing).
class OneAnswerServer : public QObject
{
public:
    explicit OneAnswerServer(QByteArray response)
        : m_response(std::move(response))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_request += socket->readAll();
                if (!m_request.contains("\r\n\r\n") || m_response.isEmpty())
                    return; // silent: the client's timeout must end it
                socket->write(m_response);
                socket->disconnectFromHost();
            });
        });
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    QByteArray requestLine() const { return m_request.left(m_request.indexOf("\r\n")); }

private:
    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_request;
};

QByteArray httpAnswer(int status, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) +
           " X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray recorded(const char *name)
{
    QFile file(QStringLiteral(NOVA_TEST_DATA "/") + QLatin1StringView(name));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

template<typename T>
std::optional<PrometheusError> errorOf(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10'000))
        return PrometheusError{"test", "no answer at all", 0};
    try {
        future.waitForFinished();
    } catch (const PrometheusError &error) {
        return error;
    }
    return std::nullopt;
}
} // namespace

class TestPrometheusClient : public QObject
{
    Q_OBJECT

private slots:
    void rangeQueryEncodedAndDecoded()
    {
        OneAnswerServer server(httpAnswer(200, recorded("query_matrix_connections_by_kind.json")));
        PrometheusClient client(server.url());
        QSignalSpy reachability(&client, &PrometheusClient::reachabilityChanged);
        const QDateTime from = nova::utcFromMSecsSinceEpoch(qint64(1795330146) * 1000);
        auto future = client.queryRange("sum by (kind) (a + b)", from, from.addSecs(240),
                                        std::chrono::seconds(5));
        QVERIFY(QTest::qWaitFor([&] { return future.isFinished(); }, 10'000));
        const PrometheusResult result = future.result();
        QCOMPARE(result.series.size(), 2);
        const QByteArray line = server.requestLine();
        QVERIFY2(line.startsWith(
                     "GET /api/v1/query_range?query=sum%20by%20%28kind%29%20%28a%20%2B%20b%29"
                     "&start=1795330146.000&end=1795330386.000&step=5 "),
                 line.constData());
        QCOMPARE(reachability.size(), 1);
        QCOMPARE(reachability.first().at(0).toBool(), true);
    }

    void prometheusErrorEnvelopeStillMeansReachable()
    {
        OneAnswerServer server(httpAnswer(400, recorded("error_bad_data.json")));
        PrometheusClient client(server.url());
        const auto error = errorOf(client.query("sum("));
        QVERIFY(error);
        QCOMPARE(error->type, "bad_data");
        QCOMPARE(error->httpStatus, 400);
        QVERIFY(client.reachable());
    }

    void silentServerTimesOut()
    {
        OneAnswerServer server({});
        PrometheusClient client(server.url());
        client.setTimeout(std::chrono::milliseconds(300));
        const auto error = errorOf(client.alerts());
        QVERIFY(error);
        QCOMPARE(error->type, "timeout");
        QVERIFY(error->message.contains("did not answer within 0.3 s"));
        QVERIFY(!client.reachable());
    }

    void nothingListening()
    {
        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost);
        const quint16 port = closed.serverPort();
        closed.close();
        PrometheusClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto error = errorOf(client.query("up"));
        QVERIFY(error);
        QCOMPARE(error->type, "unreachable");
        QVERIFY(error->message.contains("cannot reach Prometheus"));
        QVERIFY(!client.reachable());
        QCOMPARE(client.lastProblem(), error->describe());
    }
};

QTEST_GUILESS_MAIN(TestPrometheusClient)
#include "tst_prometheus_client.moc"
