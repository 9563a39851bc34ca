// What one misbehaving client can take is bounded, and the API goes on answering everyone else.
// 2,000 connections that trickle their request heads (slowloris), from 8 loopback addresses under
// the per-address cap: the API answers throughout, and every one of them gets 408 once its request
// time is up. A viewer flood from one address: past ws_max_viewers_per_address its sockets get
// 429, the stream's viewer count and peak are not inflated past the cap, and a viewer from
// elsewhere still gets in. A session asking for replays in a loop is told rate_limited. Every
// refusal is counted in nova_streaming_connections_refused_total.

#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/replica_metrics.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <sys/resource.h>
#include <vector>

using namespace nova::test;

namespace {
constexpr int kSlowClients = 2000;
constexpr int kSlowAddresses = 8; // 250 each, under http_max_connections_per_address (256)
constexpr int kFloodViewers = 150;
constexpr int kViewersPerAddress = 100; // the stack's ws_max_viewers_per_address (the default)

double refused(const QString &reason)
{
    return replicaMetric(1, "nova_streaming_connections_refused_total{reason=\"" +
                                reason.toLatin1() + "\"}")
        .value_or(-1);
}

// A client socket from loopback address `source` to the API.
std::unique_ptr<QTcpSocket> connectFrom(const QString &source)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->bind(QHostAddress(source));
    const QUrl api = StackEnv::get().apiUrl;
    socket->connectToHost(api.host(), quint16(api.port()));
    return socket;
}

void raiseOpenFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}
} // namespace

class TestConnectionLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        raiseOpenFileLimit();
    }

    void slowHeadersAreCutOffAndTheApiGoesOnAnswering()
    {
        const QString id = createStream("slowloris").value(u"id").toString();
        const double timedOutBefore = refused("request_timeout");

        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < kSlowClients; ++i) {
            slow.push_back(connectFrom(QStringLiteral("127.0.0.%1").arg(2 + i % kSlowAddresses)));
            QTcpSocket *socket = slow.back().get();
            QObject::connect(socket, &QTcpSocket::connected, socket, [socket] {
                socket->write("GET /api/v1/streams HTTP/1.1\r\nHost: nova\r\nX-Slow: ");
            });
        }
        QVERIFY(pollUntil(
            [&] {
                return std::ranges::all_of(slow, [](const auto &s) {
                    return s->state() == QAbstractSocket::ConnectedState;
                });
            },
            20'000));
        QElapsedTimer held;
        held.start();

        // Meanwhile everyone else is answered, and quickly.
        qint64 slowestMs = 0;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer call;
            call.start();
            QCOMPARE(publicCall("GET", "/api/v1/streams/" + id).status, 200);
            slowestMs = std::max(slowestMs, call.elapsed());
        }
        QVERIFY2(slowestMs < 1000, qPrintable(QString::number(slowestMs)));

        // Their time runs out: each is answered 408 and closed, none hangs on.
        int answered408 = 0;
        QVERIFY(pollUntil(
            [&] {
                answered408 = int(std::ranges::count_if(
                    slow, [](const auto &s) { return s->peek(12) == "HTTP/1.1 408"; }));
                return answered408 == kSlowClients;
            },
            30'000));
        const qint64 cutOffMs = held.elapsed();
        qInfo("%d slow-header connections: the API answered in at most %lld ms meanwhile; all "
              "answered 408 within %lld ms of connecting",
              kSlowClients, slowestMs, cutOffMs);
        QVERIFY(pollUntil(
            [&] { return refused("request_timeout") >= timedOutBefore + kSlowClients; }, 5000));
    }

    void aViewerFloodFromOneAddressIsCappedAndCountsNoFurther()
    {
        const QString id = createStream("viewer flood").value(u"id").toString();
        const double refusedBefore = refused("too_many_viewers_from_address");
        const QByteArray upgrade = "GET /api/v1/streams/" + id.toLatin1() +
                                   "/ws HTTP/1.1\r\nHost: nova\r\nUpgrade: websocket\r\n"
                                   "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
        std::vector<std::unique_ptr<QTcpSocket>> flood;
        for (int i = 0; i < kFloodViewers; ++i) {
            flood.push_back(connectFrom(QStringLiteral("127.0.0.20")));
            QTcpSocket *socket = flood.back().get();
            QObject::connect(socket, &QTcpSocket::connected, socket,
                             [socket, upgrade] { socket->write(upgrade); });
        }
        int accepted = 0;
        int turnedAway = 0;
        QVERIFY(pollUntil(
            [&] {
                accepted = int(std::ranges::count_if(
                    flood, [](const auto &s) { return s->peek(12) == "HTTP/1.1 101"; }));
                turnedAway = int(std::ranges::count_if(
                    flood, [](const auto &s) { return s->peek(12) == "HTTP/1.1 429"; }));
                return accepted + turnedAway == kFloodViewers;
            },
            20'000));
        QCOMPARE(accepted, kViewersPerAddress);
        QCOMPARE(turnedAway, kFloodViewers - kViewersPerAddress);

        // A viewer from elsewhere is not affected, and the count stops at what was let in.
        LiveClient viewer(id);
        QVERIFY(viewer.waitConnected());
        QVERIFY(pollUntil(
            [&] {
                const QJsonObject stream = publicCall("GET", "/api/v1/streams/" + id).json();
                return stream.value(u"viewer_count").toInt() == kViewersPerAddress + 1;
            },
            10'000));
        QCOMPARE(publicCall("GET", "/api/v1/streams/" + id).json().value(u"peak_viewers").toInt(),
                 kViewersPerAddress + 1);
        QVERIFY(pollUntil(
            [&] {
                return refused("too_many_viewers_from_address") >=
                       refusedBefore + (kFloodViewers - kViewersPerAddress);
            },
            5000));

        // Replays in a loop: served up to the limit, then refused with a notice.
        const double replaysBefore = refused("replay_rate_limited");
        for (int i = 0; i < 11; ++i)
            viewer.socket().sendTextMessage(QStringLiteral(R"({"type":"replay","since":0})"));
        QVERIFY(pollUntil(
            [&] {
                return std::ranges::any_of(viewer.raw(), [](const QByteArray &message) {
                    return message.contains("\"rate_limited\"");
                });
            },
            5000));
        QCOMPARE(viewer.socket().state(), QAbstractSocket::ConnectedState);
        QVERIFY(
            pollUntil([&] { return refused("replay_rate_limited") >= replaysBefore + 1; }, 5000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestConnectionLimits)
#include "tst_connection_limits.moc"
