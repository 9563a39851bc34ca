#include "server/hub/hub_shard.h"

#include "server/hub/client_message.h"
#include "server/hub/hub_protocol.h"
#include "server/metrics/metrics.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QWebSocket>

#include <limits>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcHub)

namespace {
constexpr std::chrono::milliseconds kKeepAliveSweep{5000};
}

HubShard::HubShard(Metrics &metrics, int replaysPerMinute)
    : m_metrics(metrics)
    , m_replaysPerMinute(replaysPerMinute)
    , m_handshakes(QStringLiteral("nova-server"), QWebSocketServer::NonSecureMode, this)
    , m_keepAlive(this)
{
    m_handshakes.setMaxPendingConnections(std::numeric_limits<int>::max()); // taken at once
    connect(&m_handshakes, &QWebSocketServer::newConnection, this, &HubShard::onHandshakes);
    m_keepAlive.setInterval(kKeepAliveSweep);
    connect(&m_keepAlive, &QTimer::timeout, this, &HubShard::keepAlive);
}

HubShard::~HubShard()
{
    for (HubSession *session : std::as_const(m_sessions)) {
        if (session->socket())
            session->socket()->disconnect(this);
        delete session;
    }
}

void HubShard::adopt(QTcpSocket *socket, quint64 session, HubSession::Kind kind, QUuid stream,
                     QList<HubSession::Delivery> replay, bool moreReplay)
{
    QMetaObject::invokeMethod(
        this,
        [=, this] {
            onAdopt(socket, session, kind, stream, replay, moreReplay);
            if (!m_keepAlive.isActive())
                m_keepAlive.start(); // here: a timer runs on the thread that starts it
        },
        Qt::QueuedConnection);
}

void HubShard::deliver(const BusEvent &event)
{
    QMetaObject::invokeMethod(
        this, [this, event] { onEvent(event); }, Qt::QueuedConnection);
}

void HubShard::forget(const QUuid &stream)
{
    QMetaObject::invokeMethod(
        this,
        [this, stream] {
            for (HubSession *session : std::as_const(m_operators))
                session->forget(stream);
        },
        Qt::QueuedConnection);
}

void HubShard::replay(quint64 session, QByteArray notice, QList<HubSession::Delivery> events,
                      bool last)
{
    QMetaObject::invokeMethod(
        this, [=, this] { onReplay(session, notice, events, last); }, Qt::QueuedConnection);
}

void HubShard::closeAll(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    QMetaObject::invokeMethod(
        this,
        [=, this] {
            for (HubSession *session : std::as_const(m_sessions))
                session->close(code, reason);
        },
        Qt::QueuedConnection);
}

void HubShard::onAdopt(QTcpSocket *socket, quint64 id, HubSession::Kind kind, QUuid stream,
                       const QList<HubSession::Delivery> &replay, bool moreReplay)
{
    auto *session = new HubSession(kind, stream, id);
    m_sessions.insert(id, session);
    if (kind == HubSession::Kind::Viewer)
        m_viewers[stream].insert(session);
    else
        m_operators.insert(session);
    if (moreReplay)
        session->holdLiveEvents();
    // A new session's queue is empty, and a replay plan never takes more than half of it.
    for (const HubSession::Delivery &event : replay)
        session->deliverNow(event.stream, event.seq, event.json);

    const Peer peer{socket->peerAddress(), socket->peerPort()};
    m_handshaking.insert(peer, {id, socket});
    // A handshake that fails ends with the socket deleted by the handshake server.
    connect(socket, &QObject::destroyed, this, [this, peer, id] {
        if (m_handshaking.value(peer).session == id) {
            m_handshaking.remove(peer);
            m_metrics.countBroadcastError(QStringLiteral("handshake_failed"));
            onDisconnected(id);
        }
    });
    m_handshakes.handleConnection(socket);
}

void HubShard::onHandshakes()
{
    while (QWebSocket *webSocket = m_handshakes.nextPendingConnection()) {
        std::unique_ptr<QWebSocket> socket(webSocket);
        const Handshake handshake = m_handshaking.take({socket->peerAddress(), socket->peerPort()});
        HubSession *session = m_sessions.value(handshake.session);
        const quint64 id = handshake.session;
        QTcpSocket *tcp = handshake.socket;
        if (tcp) {
            // The handshake server would delete the TCP socket on its disconnect, through a walk
            // over every socket it ever saw; the WebSocket owns it from now on.
            QObject::disconnect(tcp, &QAbstractSocket::disconnected, &m_handshakes, nullptr);
            tcp->disconnect(this);
            tcp->setParent(socket.get());
        }
        if (!session || !tcp) {
            socket->abort();
            continue;
        }
        socket->setMaxAllowedIncomingFrameSize(ClientMessage::kMaxBytes);
        socket->setMaxAllowedIncomingMessageSize(ClientMessage::kMaxBytes);
        // Queued: a socket can report its end from inside a send (a flush that finds the peer
        // gone), and the fan-out loop must not see the session sets change under it.
        connect(
            socket.get(), &QWebSocket::disconnected, this, [this, id] { onDisconnected(id); },
            Qt::QueuedConnection);
        connect(socket.get(), &QWebSocket::textMessageReceived, this,
                [this, session](const QString &text) { onMessage(session, text); });
        const bool open = socket->state() == QAbstractSocket::ConnectedState;
        session->attach(std::move(socket), *tcp);
        if (!open)
            onDisconnected(id); // it left during its handshake
    }
}

void HubShard::onEvent(const BusEvent &event)
{
    QList<HubSession *> tooSlow;
    const auto viewers = m_viewers.constFind(event.streamId);
    if (viewers != m_viewers.cend()) {
        for (HubSession *session : *viewers) {
            if (!session->deliver(event.streamId, event.seq, event.json))
                tooSlow.append(session);
        }
    }
    for (HubSession *session : std::as_const(m_operators)) {
        if (!session->deliver(event.streamId, event.seq, event.json))
            tooSlow.append(session);
    }
    for (HubSession *session : std::as_const(tooSlow))
        drop(session);
}

void HubShard::onReplay(quint64 id, const QByteArray &notice,
                        const QList<HubSession::Delivery> &events, bool last)
{
    HubSession *session = m_sessions.value(id);
    if (!session)
        return;
    if (!notice.isEmpty())
        session->sendNotice(notice);
    for (const HubSession::Delivery &event : events) {
        if (!session->deliverNow(event.stream, event.seq, event.json))
            return drop(session); // never an event skipped unsaid: it reconnects with ?since
    }
    if (last && !session->releaseLiveEvents())
        drop(session);
}

void HubShard::onMessage(HubSession *session, const QString &text)
{
    const ClientMessage message = ClientMessage::parse(text.toUtf8());
    switch (message.kind) {
    case ClientMessage::Kind::Ping:
        session->sendNotice(hub::notice("pong"));
        return;
    case ClientMessage::Kind::Replay:
        if (session->kind() == HubSession::Kind::Viewer) {
            if (!session->allowReplay(QDateTime::currentMSecsSinceEpoch(), m_replaysPerMinute)) {
                m_metrics.countRefusal(QStringLiteral("replay_rate_limited"));
                session->sendNotice(hub::notice(
                    "rate_limited",
                    {{QStringLiteral("message"),
                      QStringLiteral("at most %1 replays a minute; the live events go on")
                          .arg(m_replaysPerMinute)}}));
                return;
            }
            session->holdLiveEvents();
            emit replayRequested(session->id(), message.since);
            return;
        }
        session->close(hub::kCloseBadMessage,
                       QStringLiteral("operators replay with ?since=ID:SEQ,..."));
        return;
    case ClientMessage::Kind::Invalid:
        session->close(hub::kCloseBadMessage, message.error.left(120));
        return;
    }
}

void HubShard::onDisconnected(quint64 id)
{
    HubSession *session = m_sessions.take(id);
    if (!session)
        return;
    if (session->kind() == HubSession::Kind::Viewer) {
        auto viewers = m_viewers.find(session->stream());
        if (viewers != m_viewers.end()) {
            viewers->remove(session);
            if (viewers->isEmpty())
                m_viewers.erase(viewers);
        }
    } else {
        m_operators.remove(session);
    }
    if (session->socket())
        session->socket()->disconnect(this);
    session->deleteLater();
    emit ended(id);
}

void HubShard::drop(HubSession *session)
{
    m_metrics.countBroadcastError(QStringLiteral("slow_consumer"));
    qCInfo(lcHub).noquote() << "dropping a client that does not keep up:"
                            << (session->socket() ? session->socket()->peerAddress().toString()
                                                  : QStringLiteral("(handshaking)"));
    session->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too slow"));
    if (session->socket())
        session->socket()->abort(); // its unread frames would otherwise stay in memory
}

void HubShard::keepAlive()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (HubSession *session : std::as_const(m_sessions)) {
        if (session->keepAlive(now)) {
            qCInfo(lcHub) << "closing a client that stopped answering pings";
            m_metrics.countBroadcastError(QStringLiteral("keepalive_timeout"));
            session->socket()->abort(); // disconnected is queued: the set is safe to walk
        }
    }
}

} // namespace nova
