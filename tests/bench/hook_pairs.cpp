// hook_pairs: nginx-rtmp's publish + publish_done calls at full speed against nova-server.
//
//   hook_pairs --api http://127.0.0.1:8081 --keys keys.txt [--connections 32] [--seconds 10]
//
// Each connection takes the next stream key, sends on_publish and then on_publish_done for it
// (HTTP/1.1 keep-alive, one request at a time, as a proxy in front of the server would), and moves
// on. Prints one JSON line: pairs per second and latency percentiles of each call and each pair.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct Results
{
    std::vector<double> publishMs;
    std::vector<double> doneMs;
    std::vector<double> pairMs;
    int failures = 0;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

class Connection : public QObject
{
public:
    Connection(const QUrl &api, QStringList &keys, Results &results, QObject *parent)
        : QObject(parent)
        , m_api(api)
        , m_keys(keys)
        , m_results(results)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Connection::next);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        m_socket.connectToHost(api.host(), quint16(api.port(80)));
    }
    void stop() { m_stopped = true; }

private:
    void next()
    {
        if (m_stopped || m_keys.isEmpty())
            return;
        m_key = m_keys.takeLast();
        m_pair.start();
        send("on_publish", "publish");
    }
    void send(const char *hook, const char *call)
    {
        m_call = call;
        const QByteArray body =
            "app=live&addr=127.0.0.1&clientid=1&type=live&call=" + QByteArray(call) +
            "&name=" + m_key.toLatin1();
        m_request.start();
        m_socket.write("POST /hooks/rtmp/" + QByteArray(hook) +
                       " HTTP/1.1\r\nHost: " + m_api.host().toLatin1() +
                       "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                       QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    void onReadyRead()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : m_buffer.left(headEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        const int status = m_buffer.mid(9, 3).toInt();
        m_buffer.remove(0, headEnd + 4 + length);
        const double ms = m_request.nsecsElapsed() / 1e6;
        if (m_call == "publish") {
            if (status != 302)
                ++m_results.failures;
            m_results.publishMs.push_back(ms);
            send("on_publish_done", "publish_done");
        } else {
            if (status != 200)
                ++m_results.failures;
            m_results.doneMs.push_back(ms);
            m_results.pairMs.push_back(m_pair.nsecsElapsed() / 1e6);
            next();
        }
    }

    QUrl m_api;
    QStringList &m_keys;
    Results &m_results;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QString m_key;
    QByteArray m_call;
    QElapsedTimer m_request;
    QElapsedTimer m_pair;
    bool m_stopped = false;
};

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"api", "nova-server URL.", "url", "http://127.0.0.1:8081"});
    parser.addOption({"keys", "File of stream keys, one per line (PENDING streams).", "file"});
    parser.addOption({"connections", "Concurrent connections.", "n", "32"});
    parser.addOption({"seconds", "How long to run.", "s", "10"});
    parser.process(app);

    QFile file(parser.value("keys"));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "hook_pairs: cannot read --keys\n");
        return 2;
    }
    QStringList keys = QString::fromLatin1(file.readAll()).split('\n', Qt::SkipEmptyParts);
    const int total = int(keys.size());

    Results results;
    std::vector<Connection *> connections;
    for (int i = 0; i < parser.value("connections").toInt(); ++i)
        connections.push_back(new Connection(QUrl(parser.value("api")), keys, results, &app));
    QElapsedTimer clock;
    clock.start();
    QTimer::singleShot(parser.value("seconds").toInt() * 1000, &app, [&] {
        for (Connection *connection : connections)
            connection->stop();
        QTimer::singleShot(500, &app, &QCoreApplication::quit); // let calls in flight finish
    });
    app.exec();

    const double seconds = parser.value("seconds").toDouble();
    const QJsonObject report{
        {"pairs", qint64(results.pairMs.size())},
        {"pairs_per_second", std::round(double(results.pairMs.size()) / seconds)},
        {"failures", results.failures},
        {"keys_left", qint64(keys.size())},
        {"keys", total},
        {"publish_p50_ms", percentile(results.publishMs, 0.50)},
        {"publish_p99_ms", percentile(results.publishMs, 0.99)},
        {"done_p50_ms", percentile(results.doneMs, 0.50)},
        {"done_p99_ms", percentile(results.doneMs, 0.99)},
        {"pair_p50_ms", percentile(results.pairMs, 0.50)},
        {"pair_p99_ms", percentile(results.pairMs, 0.99)},
    };
    std::puts(QJsonDocument(report).toJson(QJsonDocument::Compact).constData());
    return results.failures ? 1 : 0;
}
