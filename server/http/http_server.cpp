#include "server/http/http_server.h"

#include "server/http/guarded_tcp_server.h"
#include "server/http/http_log.h"
#include "shared/api_error.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QUrl>

namespace nova {

namespace {
// An accepted upgrade request, on its way from handleRequest() to the UpgradeTaker.
struct UpgradeEvent : QEvent
{
    static inline const auto kType = QEvent::Type(QEvent::registerEventType());
    UpgradeEvent(QTcpSocket *upgrading, QUrl requestUrl)
        : QEvent(kType)
        , socket(upgrading)
        , url(std::move(requestUrl))
    {}
    QPointer<QTcpSocket> socket;
    QUrl url;
};
} // namespace

Q_LOGGING_CATEGORY(lcHttp, "nova.http")

HttpServer::HttpServer(const HttpLimits &limits, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_limits(limits)
{}

bool HttpServer::bindTo(const QHostAddress &address, quint16 port, QString *error)
{
    auto listener = std::make_unique<GuardedTcpServer>(m_limits, this);
    listener->setListenBacklogSize(4096); // the kernel caps it at net.core.somaxconn
    if (!listener->listen(address, port)) {
        if (error)
            *error = listener->errorString();
        return false;
    }
    m_listener = listener.release();
    bind(m_listener); // takes ownership
    return true;
}

quint16 HttpServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path(QUrl::FullyEncoded);
    if (!request.value("upgrade").isEmpty()) {
        // Returning true hands the socket to the WebSocket server; false makes missingHandler()
        // answer with the refusal and close.
        const auto webSocket = m_router.findWebSocket(path);
        if (!webSocket.check || !m_upgradeTaker) {
            m_upgradeRefusal = ApiError::notFound(QStringLiteral("no WebSocket endpoint here"));
            return false;
        }
        try {
            (*webSocket.check)(HttpRequest(request, webSocket.params));
        } catch (const ApiError &error) {
            m_upgradeRefusal = error;
            return false;
        }
        // Qt's WebSocket server gets the socket when this returns and queues its read of the
        // handshake. The socket is taken back before that read, and before every such read queued
        // in the meantime: posted with a high priority, each take overtakes them all, so that
        // server never has more than the sockets of one request in its list.
        QCoreApplication::postEvent(this, new UpgradeEvent(socket, request.url()),
                                    Qt::HighEventPriority);
        return true;
    }

    const auto lookup = m_router.find(request.method(), path);
    HttpReply reply(makeResponder(request, socket));
    switch (lookup.match) {
    case Router::Match::NotFound:
        reply.sendError(ApiError::notFound(QStringLiteral("no such endpoint")));
        return true;
    case Router::Match::WrongMethod: {
        ApiError error(
            405, QStringLiteral("method_not_allowed"),
            QStringLiteral("this endpoint accepts %1").arg(QString::fromLatin1(lookup.allowed)));
        HttpResponse response{405,
                              QByteArrayLiteral("application/json"),
                              error.toJsonBytes(),
                              {{"Allow", lookup.allowed}}};
        reply.send(response);
        return true;
    }
    case Router::Match::Found:
        break;
    }

    try {
        (*lookup.handler)(HttpRequest(request, lookup.params), reply);
    } catch (...) {
        // A handler that kept the reply answers it itself; otherwise the error is the answer.
        if (!reply.isSent())
            reply.sendException(std::current_exception());
    }
    return true;
}

void HttpServer::setUpgradeTaker(UpgradeTaker taker)
{
    m_upgradeTaker = std::move(taker);
    // QAbstractHttpServer upgrades only while someone listens for its WebSocket connections.
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [] {});
}

void HttpServer::customEvent(QEvent *event)
{
    if (event->type() != UpgradeEvent::kType)
        return;
    auto *upgrade = static_cast<UpgradeEvent *>(event);
    if (upgrade->socket)
        takeUpgrade(upgrade->socket, upgrade->url);
}

void HttpServer::takeUpgrade(QTcpSocket *socket, const QUrl &url)
{
    // Qt's WebSocket server would find each socket through sender(), a walk over every socket
    // connected to it: N clients at once cost N². Its queued read of this one now finds no sender
    // and does nothing; whoever takes the socket does the handshake with a server of its own.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    QObject::disconnect(socket, &QTcpSocket::disconnected, nullptr, nullptr);
    socket->setParent(nullptr);
    m_upgradeTaker(std::unique_ptr<QTcpSocket>(socket), url);
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpReply reply(makeResponder(request, socket));
    reply.sendError(
        m_upgradeRefusal.value_or(ApiError::notFound(QStringLiteral("no such endpoint"))));
    m_upgradeRefusal.reset();
}

} // namespace nova
