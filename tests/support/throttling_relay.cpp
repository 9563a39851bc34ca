#include "tests/support/throttling_relay.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <vector>

namespace nova::test {

namespace {
constexpr int kTickMs = 10;
constexpr int kBurstMs = 50;
// Small buffers on the relay's side, so that a slow relay is felt by the sender at once (as a
// slow uplink is), instead of megabytes vanishing into loopback's autotuned buffers.
constexpr int kSocketBuffer = 16 * 1024;

struct Link
{
    std::unique_ptr<QTcpSocket> client;
    std::unique_ptr<QTcpSocket> upstream;
    double allowance = 0; // bytes that may go now
};
} // namespace

ThrottlingRelay::ThrottlingRelay(quint16 upstreamPort, int kbps)
    : m_upstreamPort(upstreamPort)
    , m_kbps(kbps)
{
    start();
    m_listening.acquire();
}

ThrottlingRelay::~ThrottlingRelay()
{
    quit();
    wait();
}

void ThrottlingRelay::run()
{
    QTcpServer server;
    std::vector<std::unique_ptr<Link>> links;
    const bool listening = server.listen(QHostAddress::LocalHost, 0);
    m_port = listening ? server.serverPort() : 0;
    m_listening.release();
    if (!listening)
        return;

    QObject::connect(&server, &QTcpServer::newConnection, [&] {
        while (QTcpSocket *client = server.nextPendingConnection()) {
            auto link = std::make_unique<Link>();
            client->setParent(nullptr);
            client->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kSocketBuffer);
            client->setReadBufferSize(kSocketBuffer);
            link->client.reset(client);
            link->upstream = std::make_unique<QTcpSocket>();
            link->upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
            Link *raw = link.get();
            QObject::connect(raw->upstream.get(), &QTcpSocket::readyRead,
                             [raw] { raw->client->write(raw->upstream->readAll()); });
            QObject::connect(client, &QTcpSocket::disconnected,
                             [raw] { raw->upstream->disconnectFromHost(); });
            QObject::connect(raw->upstream.get(), &QTcpSocket::disconnected,
                             [raw] { raw->client->disconnectFromHost(); });
            links.push_back(std::move(link));
        }
    });

    QTimer tick;
    tick.setInterval(kTickMs);
    tick.setTimerType(Qt::PreciseTimer);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&tick, &QTimer::timeout, [&] {
        // By the time that really passed (a tick may come late on a busy machine), and at most
        // a few ticks' worth at once: no burst after a pause.
        const double bytesPerMs = double(m_kbps) / 8.0;
        const double earned = bytesPerMs * double(clock.restart());
        for (const auto &link : links) {
            if (link->upstream->state() != QAbstractSocket::ConnectedState)
                continue;
            link->allowance = std::min(link->allowance + earned, bytesPerMs * kBurstMs);
            // Read only what may go on: the rest waits in the client's socket, which fills and
            // makes the sender wait.
            const QByteArray now = link->client->read(qint64(link->allowance));
            if (now.isEmpty())
                continue;
            link->upstream->write(now);
            link->allowance -= double(now.size());
        }
    });
    tick.start();
    exec();
}

} // namespace nova::test
