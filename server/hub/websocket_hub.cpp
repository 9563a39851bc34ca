#include "server/hub/websocket_hub.h"

#include "server/cache/event_bus.h"
#include "server/cache/viewer_presence.h"
#include "server/http/http_response.h"
#include "server/http/http_server.h"
#include "server/hub/hub_protocol.h"
#include "server/hub/hub_shard.h"
#include "server/hub/hub_upgrade.h"
#include "server/hub/replay_plan.h"
#include "server/metrics/metrics.h"
#include "server/streams/stream_service.h"
#include "shared/api_error.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace nova {

Q_LOGGING_CATEGORY(lcHub, "nova.hub")

namespace {
constexpr int kShutdownGraceMs = 2000;

// A stream's events from this replica's history, as one client's replay.
QList<BusEvent> busEvents(const QUuid &stream, const QList<EventHistory::Event> &events)
{
    QList<BusEvent> out;
    out.reserve(events.size());
    for (const EventHistory::Event &event : events)
        out.append({stream, event.seq, {}, event.json});
    return out;
}

QList<HubSession::Delivery> deliveries(const QUuid &stream, const ReplayPlan &plan)
{
    QList<HubSession::Delivery> replay;
    replay.reserve(plan.events.size());
    for (const BusEvent &event : plan.events)
        replay.append({stream, event.seq, event.json});
    return replay;
}

// A replay of several streams shares one budget.
qsizetype replayBudget(qsizetype streams)
{
    return ReplayPlan::kDefaultBudgetBytes / std::max<qsizetype>(1, streams);
}
} // namespace

WebSocketHub::WebSocketHub(HttpServer &http, EventBus &bus, ViewerPresence &presence,
                           StreamService &streams, Metrics &metrics, int shards,
                           EventLoopKind eventLoop, HubLimits limits, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_bus(bus)
    , m_presence(presence)
    , m_streams(streams)
    , m_metrics(metrics)
    , m_viewersPerAddress(limits.viewersPerAddress, limits.exemptNetworks)
{
    if (shards <= 0)
        shards = std::max(1, QThread::idealThreadCount());
    for (int i = 0; i < shards; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("hub-%1").arg(i + 1));
        installEventLoop(*thread, eventLoop);
        auto *shard = new HubShard(metrics, limits.replaysPerMinute);
        shard->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, shard, &QObject::deleteLater);
        connect(shard, &HubShard::ended, this, &WebSocketHub::onEnded);
        connect(shard, &HubShard::replayRequested, this, &WebSocketHub::onReplayRequested);
        thread->start();
        m_shards.push_back(shard);
        m_shardLoad.insert(shard, 0);
        m_threads.push_back(std::move(thread));
    }
    qCInfo(lcHub).noquote() << "serving WebSocket clients on" << shards << "threads, event loop"
                            << toString(eventLoop);
    m_http.setUpgradeTaker([this](std::unique_ptr<QTcpSocket> socket, std::any upgrade) {
        // Every WebSocket route is the hub's (HubController), each answering a HubUpgrade.
        if (const auto *accepted = std::any_cast<HubUpgrade>(&upgrade))
            take(std::move(socket), *accepted);
        else
            refuse(std::move(socket), ApiError::notFound(QStringLiteral("no WebSocket here")));
    });
    connect(&m_bus, &EventBus::delivered, &m_order, &EventOrder::add);
    connect(&m_order, &EventOrder::ready, this, &WebSocketHub::deliver);
    connect(&m_bus, &EventBus::resubscribed, this, &WebSocketHub::onResubscribed);
}

WebSocketHub::~WebSocketHub()
{
    for (const auto &thread : m_threads)
        thread->quit();
    for (const auto &thread : m_threads)
        thread->wait();
}

void WebSocketHub::take(std::unique_ptr<QTcpSocket> socket, const HubUpgrade &upgrade)
{
    if (m_shuttingDown) {
        refuse(std::move(socket), ApiError::unavailable(QStringLiteral("server shutting down")));
        return;
    }
    if (upgrade.kind == HubSession::Kind::Operator) {
        admit(socket.release(), upgrade);
        return;
    }

    // A viewer waits here, a child of the hub, until its stream is known to exist; until then
    // its handshake is unanswered, so an unknown stream is a plain HTTP 404.
    QTcpSocket *waiting = socket.release();
    waiting->setParent(this);
    connect(waiting, &QTcpSocket::disconnected, waiting, &QObject::deleteLater);
    QPointer<QTcpSocket> guard(waiting);
    m_streams.find(upgrade.stream).then(this, [this, guard, upgrade](QFuture<Stream> found) {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        disconnect(guard, &QTcpSocket::disconnected, guard, &QObject::deleteLater);
        std::unique_ptr<QTcpSocket> client(guard.data());
        try {
            found.waitForFinished();
            if (m_shuttingDown)
                throw ApiError::unavailable(QStringLiteral("server shutting down"));
            if (upgrade.counted() && !m_viewersPerAddress.tryAcquire(client->peerAddress())) {
                m_metrics.countRefusal(QStringLiteral("too_many_viewers_from_address"));
                throw ApiError::tooManyRequests(
                    QStringLiteral("too many viewer connections from this address"), 5);
            }
            admit(client.release(), upgrade);
        } catch (const ApiError &error) {
            refuse(std::move(client), error);
        }
    });
}

void WebSocketHub::refuse(std::unique_ptr<QTcpSocket> socket, const ApiError &error)
{
    HttpResponse response = HttpResponse::error(error);
    response.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    socket->readAll(); // closing with unread bytes would reset the connection, answer and all
    socket->write(response.toBytes());
    QTcpSocket *closing = socket.release();
    closing->setParent(this);
    connect(closing, &QTcpSocket::disconnected, closing, &QObject::deleteLater);
    closing->disconnectFromHost(); // once the answer is out
}

void WebSocketHub::admit(QTcpSocket *socket, const HubUpgrade &upgrade)
{
    const quint64 id = ++m_lastSessionId;
    HubShard *shard = leastLoadedShard();
    const QUuid &stream = upgrade.stream;
    Client client{upgrade.kind, stream, {}, shard, {}, upgrade.countedViewer};
    if (client.counted()) {
        client.presence = m_presence.join(stream, upgrade.viewerId);
        client.peer = socket->peerAddress();
        ++m_viewerCount;
    }
    m_clients.insert(id, client);
    ++m_shardLoad[shard];
    updateGauges();

    QList<HubSession::Delivery> replay;
    QHash<QUuid, qint64> fromRedis;
    const QHash<QUuid, qint64> &asked = upgrade.since;
    for (const auto &[replayStream, seq] : asked.asKeyValueRange()) {
        // From memory when it has them all and they fit; Redis's longer history otherwise.
        const auto local = m_history.after(replayStream, seq);
        const ReplayPlan plan =
            local ? ReplayPlan::make(busEvents(replayStream, *local), seq, latestSeq(replayStream),
                                     replayBudget(asked.size()))
                  : ReplayPlan{};
        if (local && !plan.gap)
            replay += deliveries(replayStream, plan);
        else
            fromRedis.insert(replayStream, seq);
    }
    socket->setParent(nullptr);
    socket->moveToThread(shard->thread());
    shard->adopt(socket, id, upgrade.kind, stream, replay, !fromRedis.isEmpty());
    // After adopt: its answers must reach the shard after it. Each stream keeps its share of the
    // budget, whichever replica's memory or Redis serves it.
    replayFromRedis(id, fromRedis, replayBudget(asked.size()));
}

void WebSocketHub::onReplayRequested(quint64 session, qint64 since)
{
    const auto client = m_clients.constFind(session);
    if (client == m_clients.cend())
        return;
    const QUuid stream = client->stream;
    if (const auto local = m_history.after(stream, since)) {
        const ReplayPlan plan =
            ReplayPlan::make(busEvents(stream, *local), since, latestSeq(stream));
        if (!plan.gap) {
            client->shard->replay(session, {}, deliveries(stream, plan), true);
            return;
        }
    }
    replayFromRedis(session, {{stream, since}}, replayBudget(1));
}

void WebSocketHub::replayFromRedis(quint64 session, const QHash<QUuid, qint64> &since,
                                   qsizetype budgetPerStream)
{
    if (since.isEmpty())
        return;
    HubShard *shard = m_clients.value(session).shard;
    auto pending = std::make_shared<qsizetype>(since.size());
    for (const auto &[stream, from] : since.asKeyValueRange()) {
        m_bus.history(stream).then(this, [this, shard, session, pending, budgetPerStream,
                                          stream = stream,
                                          from = from](QFuture<QList<QByteArray>> done) {
            // Redis's list and this replica's memory together: events that went by PostgreSQL
            // while Redis was away are only in memory.
            QList<BusEvent> history = busEvents(stream, m_history.kept(stream));
            try {
                for (const QByteArray &json : done.result()) {
                    if (auto event = BusEvent::fromJson(json))
                        history.append(*event);
                }
            } catch (const std::exception &) {
                // Redis is away: only what this replica knows can be told.
            }
            const ReplayPlan plan =
                ReplayPlan::make(history, from, latestSeq(stream), budgetPerStream);
            QByteArray notice;
            if (plan.gap)
                notice = hub::notice(
                    "replay_unavailable",
                    {{QStringLiteral("stream_id"), stream.toString(QUuid::WithoutBraces)},
                     {QStringLiteral("since"), from},
                     {QStringLiteral("oldest_seq"), plan.oldestSeq}});
            // What is still there is better than nothing.
            shard->replay(session, notice, deliveries(stream, plan), --*pending == 0);
        });
    }
}

void WebSocketHub::forget(const QUuid &stream)
{
    m_history.forget(stream);
    m_order.forget(stream);
    for (HubShard *shard : m_shards)
        shard->forget(stream);
}

qint64 WebSocketHub::latestSeq(const QUuid &stream) const
{
    return std::max(m_bus.lastSeq(stream), m_order.last(stream));
}

void WebSocketHub::deliver(const BusEvent &event)
{
    m_history.add(event.streamId, event.seq, event.json);
    for (HubShard *shard : m_shards)
        shard->deliver(event);
}

void WebSocketHub::onResubscribed()
{
    // Events published while the subscription was down are in Redis's history: catch up on every
    // stream someone here watches (operators watch them all: those with viewers are what matter).
    QSet<QUuid> watched;
    for (const Client &client : std::as_const(m_clients)) {
        if (client.kind == HubSession::Kind::Viewer)
            watched.insert(client.stream);
    }
    for (const QUuid &stream : std::as_const(watched)) {
        m_bus.history(stream).then(this, [this](QFuture<QList<QByteArray>> done) {
            try {
                for (const QByteArray &json : done.result()) {
                    if (auto event = BusEvent::fromJson(json))
                        m_order.add(*event);
                }
            } catch (const std::exception &) {
            }
        });
    }
}

void WebSocketHub::onEnded(quint64 session)
{
    const auto client = m_clients.constFind(session);
    if (client == m_clients.cend())
        return;
    if (client->counted()) {
        --m_viewerCount;
        m_presence.leave(client->stream, client->presence);
        m_viewersPerAddress.release(client->peer);
    }
    --m_shardLoad[client->shard];
    m_clients.erase(client);
    updateGauges();
}

HubShard *WebSocketHub::leastLoadedShard() const
{
    HubShard *least = m_shards.front();
    for (HubShard *shard : m_shards) {
        if (m_shardLoad.value(shard) < m_shardLoad.value(least))
            least = shard;
    }
    return least;
}

void WebSocketHub::updateGauges()
{
    m_metrics.websocketConnections(Metrics::ConnectionKind::Viewer).Set(m_viewerCount);
    m_metrics.websocketConnections(Metrics::ConnectionKind::Operator).Set(operators());
}

void WebSocketHub::shutdown(std::function<void()> done)
{
    m_shuttingDown = true;
    // Viewers whose stream is being looked up are answered 503 when the lookup ends.
    const auto waiting = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    qCInfo(lcHub) << "closing" << m_clients.size() + waiting.size() << "WebSocket client(s)";
    for (HubShard *shard : m_shards)
        shard->closeAll(QWebSocketProtocol::CloseCodeGoingAway,
                        QStringLiteral("server shutting down"));
    auto deadline = std::make_shared<QDeadlineTimer>(kShutdownGraceMs);
    auto *poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline, done = std::move(done)] {
        if ((m_clients.isEmpty() &&
             findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly).isEmpty()) ||
            deadline->hasExpired()) {
            poll->stop();
            poll->deleteLater();
            done();
        }
    });
    poll->start();
}

} // namespace nova
