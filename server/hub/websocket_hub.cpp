#include "server/hub/websocket_hub.h"

#include "server/cache/event_bus.h"
#include "server/cache/viewer_presence.h"
#include "server/http/http_server.h"
#include "server/hub/client_message.h"
#include "server/hub/hub_session.h"
#include "server/hub/replay_plan.h"
#include "server/metrics/metrics.h"
#include "server/streams/stream_service.h"
#include "shared/api_error.h"
#include "shared/rfc3339.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QUrlQuery>
#include <QWebSocket>

namespace nova {

Q_LOGGING_CATEGORY(lcHub, "nova.hub")

namespace {
constexpr std::chrono::milliseconds kKeepAliveSweep{5000};
constexpr int kShutdownGraceMs = 2000;
constexpr int kMaxSinceStreams = 100;

// Close codes of our own (4000-4999): the HTTP status they stand for.
constexpr auto kCloseNoSuchStream = QWebSocketProtocol::CloseCode(4404);
constexpr auto kCloseBadMessage = QWebSocketProtocol::CloseCode(4400);
constexpr auto kCloseTryAgainLater = QWebSocketProtocol::CloseCode(1013); // RFC 6455 registry

QByteArray notice(const char *name, QJsonObject data)
{
    data.insert(QStringLiteral("timestamp"), toRfc3339(QDateTime::currentDateTimeUtc()));
    return QJsonDocument(QJsonObject{{QStringLiteral("event"), QLatin1StringView(name)},
                                     {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

// ?since=SEQ on a viewer socket; ?since=ID:SEQ,ID:SEQ on an operator socket.
QHash<QUuid, qint64> parseSince(const QString &text, const QUuid &viewerStream)
{
    QHash<QUuid, qint64> since;
    if (text.isEmpty())
        return since;
    if (!viewerStream.isNull()) {
        bool ok = false;
        const qint64 seq = text.toLongLong(&ok);
        if (ok && seq >= 0)
            since.insert(viewerStream, seq);
        return since;
    }
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts).mid(0, kMaxSinceStreams)) {
        const qsizetype colon = item.lastIndexOf(u':');
        bool ok = false;
        const QUuid id = QUuid::fromString(QStringView(item).left(colon));
        const qint64 seq = item.mid(colon + 1).toLongLong(&ok);
        if (colon > 0 && ok && seq >= 0 && !id.isNull())
            since.insert(id, seq);
    }
    return since;
}
} // namespace

WebSocketHub::WebSocketHub(HttpServer &http, EventBus &bus, ViewerPresence &presence,
                           StreamService &streams, Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_bus(bus)
    , m_presence(presence)
    , m_streams(streams)
    , m_metrics(metrics)
{
    connect(&m_http, &QAbstractHttpServer::newWebSocketConnection, this,
            &WebSocketHub::acceptPending);
    connect(&m_bus, &EventBus::delivered, this, &WebSocketHub::onEvent);
    connect(&m_bus, &EventBus::resubscribed, this, &WebSocketHub::onResubscribed);
    m_keepAlive.setInterval(kKeepAliveSweep);
    connect(&m_keepAlive, &QTimer::timeout, this, &WebSocketHub::keepAlive);
    m_keepAlive.start();
}

WebSocketHub::~WebSocketHub()
{
    for (HubSession *session : findChildren<HubSession *>())
        session->socket().disconnect(this);
}

void WebSocketHub::acceptPending()
{
    while (m_http.hasPendingWebSocketConnections())
        accept(m_http.nextPendingWebSocketConnection());
}

void WebSocketHub::accept(std::unique_ptr<QWebSocket> socket)
{
    socket->setMaxAllowedIncomingFrameSize(ClientMessage::kMaxBytes);
    socket->setMaxAllowedIncomingMessageSize(ClientMessage::kMaxBytes);
    if (m_shuttingDown) {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway,
                      QStringLiteral("server shutting down"));
        socket.release()->deleteLater();
        return;
    }
    // The route was checked before the upgrade (HubController); here it only says which socket.
    const QUrl url = socket->requestUrl();
    const QStringList path = url.path().split(u'/', Qt::SkipEmptyParts);
    const bool viewer = path.size() == 5 && path.at(2) == u"streams";
    const QUuid stream = viewer ? QUuid::fromString(path.at(3)) : QUuid();
    const QString since = QUrlQuery(url).queryItemValue(QStringLiteral("since"));

    auto *session = new HubSession(std::move(socket),
                                   viewer ? HubSession::Kind::Viewer : HubSession::Kind::Operator,
                                   stream, this);
    // Queued: a socket can report its end from inside a send (a flush that finds the peer gone),
    // and the fan-out loop must not see the session sets change under it.
    connect(
        &session->socket(), &QWebSocket::disconnected, this,
        [this, guard = QPointer<HubSession>(session)] {
            if (guard)
                remove(guard);
        },
        Qt::QueuedConnection);
    connect(&session->socket(), &QWebSocket::textMessageReceived, this,
            [this, session](const QString &text) { onMessage(session, text); });

    if (!viewer) {
        admit(session, since);
        return;
    }
    QPointer<HubSession> guard(session);
    m_streams.find(stream).then(this, [this, guard, since](QFuture<Stream> found) {
        if (!guard)
            return;
        try {
            found.waitForFinished();
            admit(guard, since);
        } catch (const ApiError &error) {
            guard->close(error.status() == 404 ? kCloseNoSuchStream : kCloseTryAgainLater,
                         error.message().left(120));
        }
    });
}

void WebSocketHub::admit(HubSession *session, const QString &since)
{
    if (session->kind() == HubSession::Kind::Viewer) {
        m_viewers[session->stream()].insert(session);
        ++m_viewerCount;
        session->presence = m_presence.join(session->stream());
    } else {
        m_operators.insert(session);
    }
    updateGauges();
    const auto replayFrom = parseSince(since, session->stream());
    if (!replayFrom.isEmpty())
        replay(session, replayFrom);
}

void WebSocketHub::onEvent(const BusEvent &event)
{
    qint64 &last = m_lastSeq[event.streamId];
    if (event.seq <= last)
        return; // already delivered (a local copy, or a stale repeat)
    last = event.seq;
    m_history.add(event.streamId, event.seq, event.json);

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
    for (HubSession *session : tooSlow)
        drop(session);
}

void WebSocketHub::onResubscribed()
{
    // Events published while the subscription was down are in Redis's history: catch up.
    for (auto it = m_viewers.cbegin(); it != m_viewers.cend(); ++it) {
        const QUuid stream = it.key();
        m_bus.history(stream).then(this, [this, stream](QFuture<QList<QByteArray>> done) {
            try {
                for (const QByteArray &json : done.result()) {
                    if (auto event = BusEvent::fromJson(json))
                        onEvent(*event);
                }
            } catch (const std::exception &) {
            }
        });
    }
}

void WebSocketHub::onMessage(HubSession *session, const QString &text)
{
    const ClientMessage message = ClientMessage::parse(text.toUtf8());
    switch (message.kind) {
    case ClientMessage::Kind::Ping:
        session->sendNotice(notice("pong", {}));
        return;
    case ClientMessage::Kind::Replay:
        if (session->kind() == HubSession::Kind::Viewer) {
            replay(session, {{session->stream(), message.since}});
            return;
        }
        session->close(kCloseBadMessage, QStringLiteral("operators replay with ?since=ID:SEQ,..."));
        return;
    case ClientMessage::Kind::Invalid:
        session->close(kCloseBadMessage, message.error.left(120));
        return;
    }
}

void WebSocketHub::replay(HubSession *session, const QHash<QUuid, qint64> &since)
{
    session->holdLiveEvents();
    auto pending = std::make_shared<int>(0);
    QPointer<HubSession> guard(session);
    const auto finished = [this, guard, pending] {
        if (guard && --*pending == 0 && !guard->releaseLiveEvents())
            drop(guard);
    };
    ++*pending;
    for (auto it = since.cbegin(); it != since.cend(); ++it) {
        const auto local = m_history.after(it.key(), it.value());
        if (local) {
            for (const EventHistory::Event &event : *local)
                session->deliverNow(it.key(), event.seq, event.json);
            continue;
        }
        ++*pending;
        const QUuid stream = it.key();
        const qint64 from = it.value();
        m_bus.history(stream).then(
            this, [this, guard, stream, from, finished](QFuture<QList<QByteArray>> done) {
                if (guard) {
                    QList<BusEvent> history;
                    try {
                        for (const QByteArray &json : done.result()) {
                            if (auto event = BusEvent::fromJson(json))
                                history.append(*event);
                        }
                    } catch (const std::exception &) {
                        // Redis is away: only what this replica knows can be told.
                    }
                    const ReplayPlan plan = ReplayPlan::make(
                        history, from, std::max(m_bus.lastSeq(stream), m_lastSeq.value(stream)));
                    if (plan.gap)
                        guard->sendNotice(notice(
                            "replay_unavailable",
                            {{QStringLiteral("stream_id"), stream.toString(QUuid::WithoutBraces)},
                             {QStringLiteral("since"), from},
                             {QStringLiteral("oldest_seq"), plan.oldestSeq}}));
                    // What is still there is better than nothing.
                    for (const BusEvent &event : plan.events)
                        guard->deliverNow(stream, event.seq, event.json);
                }
                finished();
            });
    }
    finished();
}

void WebSocketHub::drop(HubSession *session)
{
    m_metrics.countBroadcastError(QStringLiteral("slow_consumer"));
    qCInfo(lcHub).noquote() << "dropping a client that does not keep up:"
                            << session->socket().peerAddress().toString();
    session->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too slow"));
    session->socket().abort(); // its unread frames would otherwise stay in memory
}

void WebSocketHub::remove(HubSession *session)
{
    if (session->kind() == HubSession::Kind::Viewer) {
        auto viewers = m_viewers.find(session->stream());
        if (viewers != m_viewers.end() && viewers->remove(session)) {
            --m_viewerCount;
            if (viewers->isEmpty())
                m_viewers.erase(viewers);
            m_presence.leave(session->stream(), session->presence);
        }
    } else {
        m_operators.remove(session);
    }
    updateGauges();
    session->deleteLater();
}

void WebSocketHub::keepAlive()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (HubSession *session : findChildren<HubSession *>(Qt::FindDirectChildrenOnly)) {
        if (session->keepAlive(now)) {
            qCInfo(lcHub) << "closing a client that stopped answering pings";
            session->socket().abort();
        }
    }
}

void WebSocketHub::updateGauges()
{
    m_metrics.websocketConnections(Metrics::ConnectionKind::Viewer).Set(m_viewerCount);
    m_metrics.websocketConnections(Metrics::ConnectionKind::Operator)
        .Set(double(m_operators.size()));
}

void WebSocketHub::shutdown(std::function<void()> done)
{
    m_shuttingDown = true;
    const auto sessions = findChildren<HubSession *>(Qt::FindDirectChildrenOnly);
    qCInfo(lcHub) << "closing" << sessions.size() << "WebSocket client(s)";
    for (HubSession *session : sessions)
        session->close(QWebSocketProtocol::CloseCodeGoingAway,
                       QStringLiteral("server shutting down"));
    auto deadline = std::make_shared<QDeadlineTimer>(kShutdownGraceMs);
    auto *poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline, done = std::move(done)] {
        if (findChildren<HubSession *>(Qt::FindDirectChildrenOnly).isEmpty() ||
            deadline->hasExpired()) {
            poll->stop();
            poll->deleteLater();
            done();
        }
    });
    poll->start();
}

} // namespace nova
