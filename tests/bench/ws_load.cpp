// ws_load: many WebSocket clients of the hub at once, as a reconnect storm would bring them.
//
//   ws_load --api http://127.0.0.1:8081 --stream ID --viewers 3000 --seconds 20 --settle 10
//           --latencies FILE
//   ws_load --api ... --operators 1000 --seconds 20 --latencies FILE   (operator sockets)
//
// Opens every connection at once, reports how long until all were open, then for --seconds
// records each event's delivery latency (arrival minus the event's timestamp) and how many of the
// stream's stream_metrics events each client got (least_received = most_received = events_checked
// when every client got every event inside the window). One JSON line on stdout; the latencies
// (ms, one per line) go to --latencies and each arrival's seq and wall-clock time to --arrivals,
// for whoever aggregates several processes.

#include "server/eventloop/epoll_event_dispatcher.h"
#include "server/eventloop/event_loop_kind.h"
#include "shared/live_event.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <vector>

// --event-loop epoll|qt: chosen before the application exists, since its thread's dispatcher is.
nova::EventLoopKind eventLoopFrom(int argc, char *argv[])
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--event-loop") == 0) {
            if (const auto kind = nova::parseEventLoopKind(QString::fromLatin1(argv[i + 1])))
                return *kind;
            std::fprintf(stderr, "ws_load: --event-loop takes epoll or qt\n");
            std::exit(2);
        }
    }
    return nova::EventLoopKind::Epoll;
}

int main(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1");
    if (eventLoopFrom(argc, argv) == nova::EventLoopKind::Epoll)
        QCoreApplication::setEventDispatcher(new nova::EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"api", "nova-server URL.", "url", "http://127.0.0.1:8081"});
    parser.addOption({"event-loop", "Event dispatcher: epoll or qt.", "kind", "epoll"});
    parser.addOption({"stream", "Stream id (viewer sockets).", "id"});
    parser.addOption({"viewers", "Viewer connections.", "n", "0"});
    parser.addOption({"operators", "Operator connections (need --token).", "n", "0"});
    parser.addOption({"token", "Operator token.", "token"});
    parser.addOption({"seconds", "How long to record after all are connected.", "s", "20"});
    parser.addOption({"latencies", "File for the latencies (ms).", "file"});
    parser.addOption({"arrivals", "File for each arrival: seq and wall-clock ms.", "file"});
    parser.addOption({"event", "Event to measure.", "name", "stream_metrics"});
    parser.addOption({"settle", "Seconds to wait after connecting before recording.", "s", "0"});
    parser.process(app);

    const int viewers = parser.value("viewers").toInt();
    const int operators = parser.value("operators").toInt();
    const int total = viewers + operators;
    const QString measured = parser.value("event");
    QUrl base(parser.value("api"));
    base.setScheme("ws");

    std::vector<std::unique_ptr<QWebSocket>> sockets;
    std::vector<std::vector<qint64>> received(static_cast<size_t>(total)); // seqs each client got
    std::vector<double> latencies;
    std::vector<std::pair<qint64, qint64>> arrivals; // seq, ms since the epoch
    QSet<qint64> seqs;
    int connected = 0;
    int failed = 0;
    bool recording = false;
    QElapsedTimer storm;
    storm.start();
    qint64 allConnectedMs = -1;

    const auto finish = [&] {
        QFile out(parser.value("latencies"));
        if (out.open(QIODevice::WriteOnly)) {
            for (double ms : latencies)
                out.write(QByteArray::number(ms, 'f', 2) + '\n');
        }
        QFile arrivalsOut(parser.value("arrivals"));
        if (arrivalsOut.open(QIODevice::WriteOnly)) {
            for (const auto &[seq, ms] : arrivals)
                arrivalsOut.write(QByteArray::number(seq) + ' ' + QByteArray::number(ms) + '\n');
        }
        // Completeness over the events wholly inside the window: the first and the last seen may
        // have reached some clients just before it opened or just after it closed. (A stream's
        // seqs also number its other events, so the measured ones are not consecutive.)
        QList<qint64> checked(seqs.cbegin(), seqs.cend());
        std::sort(checked.begin(), checked.end());
        if (checked.size() >= 2)
            checked = checked.mid(1, checked.size() - 2);
        const QSet<qint64> inWindow(checked.cbegin(), checked.cend());
        int least = total ? INT_MAX : 0;
        int most = 0;
        for (const std::vector<qint64> &got : received) {
            const int inside = int(std::count_if(
                got.begin(), got.end(), [&](qint64 seq) { return inWindow.contains(seq); }));
            least = std::min(least, inside);
            most = std::max(most, inside);
        }
        const QJsonObject report{{"clients", total},
                                 {"connected", connected},
                                 {"failed", failed},
                                 {"connect_seconds", allConnectedMs / 1000.0},
                                 {"events_seen", qint64(seqs.size())},
                                 {"events_checked", qint64(inWindow.size())},
                                 {"least_received", least},
                                 {"most_received", most},
                                 {"latencies", qint64(latencies.size())}};
        std::puts(QJsonDocument(report).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        QCoreApplication::quit();
    };

    // Recording starts --settle seconds after the last connection: the other load processes may
    // still be connecting, and a storm's handshakes are not what the steady state looks like.
    const auto startRecording = [&] {
        allConnectedMs = storm.elapsed();
        QTimer::singleShot(parser.value("settle").toInt() * 1000, &app, [&] {
            recording = true;
            QTimer::singleShot(parser.value("seconds").toInt() * 1000, &app, finish);
        });
    };

    for (int i = 0; i < total; ++i) {
        const bool isViewer = i < viewers;
        QUrl url = base;
        url.setPath(isViewer ? "/api/v1/streams/" + parser.value("stream") + "/ws"
                             : QStringLiteral("/api/v1/events/ws"));
        QNetworkRequest request(url);
        if (!isViewer)
            request.setRawHeader("Authorization", "Bearer " + parser.value("token").toUtf8());
        auto socket = std::make_unique<QWebSocket>();
        QWebSocket *raw = socket.get();
        QObject::connect(raw, &QWebSocket::connected, &app, [&] {
            if (++connected + failed == total && !recording)
                startRecording();
        });
        QObject::connect(raw, &QWebSocket::disconnected, &app, [&, raw] {
            if (raw->property("counted").toBool())
                return;
            raw->setProperty("counted", true);
            if (++failed + connected == total && !recording)
                startRecording();
        });
        QObject::connect(raw, &QWebSocket::textMessageReceived, &app, [&, i](const QString &text) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (!recording)
                return;
            const auto event = nova::LiveEvent::parse(text.toUtf8());
            if (!event || event->name != measured)
                return;
            received[size_t(i)].push_back(event->seq);
            arrivals.emplace_back(event->seq, now);
            seqs.insert(event->seq);
            latencies.push_back(double(now - event->timestamp.toMSecsSinceEpoch()));
        });
        raw->open(request);
        sockets.push_back(std::move(socket));
    }
    // Give up on a storm that does not settle.
    QTimer::singleShot(120'000, &app, [&] {
        if (!recording)
            finish();
    });
    return app.exec();
}
