#include "server/http/http_server.h"

#include "server/http/http_connection.h"
#include "server/http/http_log.h"
#include "server/http/http_response.h"
#include "shared/api_error.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace nova {

Q_LOGGING_CATEGORY(lcHttp, "nova.http")

HttpServer::HttpServer(const HttpLimits &limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_perAddress(limits.maxConnectionsPerAddress, limits.exemptNetworks)
{
    // Idle connections close within a quarter of the timeout (at most a second) of expiring.
    const qint64 idleMs = m_limits.idleTimeout.count();
    m_sweep.setInterval(int(std::clamp<qint64>(idleMs / 4, 20, 1000)));
    connect(&m_sweep, &QTimer::timeout, this, &HttpServer::sweep);
}

HttpServer::~HttpServer()
{
    // Connections are children of the listener; they leave the set as they go.
    delete m_listener;
}

bool HttpServer::bindTo(const QHostAddress &address, quint16 port, QString *error)
{
    auto listener = std::make_unique<QTcpServer>();
    listener->setListenBacklogSize(4096); // the kernel caps it at net.core.somaxconn
    if (!listener->listen(address, port)) {
        if (error)
            *error = listener->errorString();
        return false;
    }
    m_listener = listener.release();
    connect(m_listener, &QTcpServer::newConnection, this, &HttpServer::acceptConnections);
    m_sweep.start();
    return true;
}

quint16 HttpServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void HttpServer::acceptConnections()
{
    // At the cap, connections wait in the listen queue instead of being refused: a reconnect
    // storm is taken in as fast as earlier connections finish, and nobody is turned away. (The
    // listener accepts a few ahead and then stops polling until it is asked again.)
    while (!atCapacity()) {
        QTcpSocket *socket = m_listener->nextPendingConnection();
        if (!socket)
            return;
        const QHostAddress peer = socket->peerAddress();
        if (!m_perAddress.tryAcquire(peer)) {
            noteRefusal(QStringLiteral("too_many_from_address"));
            turnAway(socket, ApiError::tooManyRequests(
                                 QStringLiteral("too many connections from this address"), 1));
            continue;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto *connection = new HttpConnection(socket, *this, m_limits);
        connection->setParent(m_listener);
        m_connections.insert(connection);
        connect(connection, &QObject::destroyed, this, [this, connection, peer] {
            const bool wasFull = atCapacity();
            m_connections.remove(connection);
            m_perAddress.release(peer);
            if (wasFull) // the next one waiting is taken in once this one is gone
                QMetaObject::invokeMethod(this, &HttpServer::acceptConnections,
                                          Qt::QueuedConnection);
        });
        // What arrived with the connection is read now.
        if (socket->bytesAvailable() > 0)
            emit socket->readyRead();
    }
    if (m_listener->hasPendingConnections())
        noteWaiting();
}

bool HttpServer::atCapacity() const
{
    return m_limits.maxConnections > 0 && m_connections.size() >= m_limits.maxConnections;
}

void HttpServer::noteWaiting()
{
    // At most every 10 s: a storm would log it on every turn.
    if (m_lastFullLog.isValid() && !m_lastFullLog.hasExpired(10'000))
        return;
    m_lastFullLog.start();
    qCInfo(lcHttp).noquote()
        << QStringLiteral("%1 HTTP connections open (http_max_connections): new ones wait in the "
                          "listen queue")
               .arg(m_connections.size());
}

void HttpServer::turnAway(QTcpSocket *socket, const ApiError &error)
{
    HttpResponse response = HttpResponse::error(error);
    response.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(response.toBytes());
    socket->disconnectFromHost(); // once the answer is out
    // A client that never reads its answer does not keep the socket.
    QTimer::singleShot(2000, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

void HttpServer::sweep()
{
    const qint64 now = HttpConnection::nowMs();
    // Closing destroys connections (and so changes the set) later, never during this loop.
    const QList<HttpConnection *> connections = m_connections.values();
    for (HttpConnection *connection : connections)
        connection->closeIfExpired(now);
}

void HttpServer::dispatch(const ParsedRequest &parsed, const QHostAddress &peer, HttpReply reply)
{
    const HttpRequest bare(parsed, peer);
    const QString path = bare.encodedPath();
    auto lookup = m_router.find(parsed.method, path);
    switch (lookup.match) {
    case Router::Match::NotFound:
        reply.sendError(ApiError::notFound(QStringLiteral("no such endpoint")));
        return;
    case Router::Match::WrongMethod: {
        const ApiError error(
            405, QStringLiteral("method_not_allowed"),
            QStringLiteral("this endpoint accepts %1").arg(QString::fromLatin1(lookup.allowed)));
        HttpResponse response = HttpResponse::error(error);
        response.headers.append({QByteArrayLiteral("Allow"), lookup.allowed});
        reply.send(response);
        return;
    }
    case Router::Match::Found:
        break;
    }

    try {
        (*lookup.handler)(HttpRequest(parsed, peer, std::move(lookup.params)), reply);
    } catch (...) {
        // A handler that kept the reply answers it itself; otherwise the error is the answer.
        if (!reply.isSent())
            reply.sendException(std::current_exception());
    }
}

std::optional<ApiError> HttpServer::checkUpgrade(const ParsedRequest &parsed,
                                                 const QHostAddress &peer, std::any &accepted) const
{
    const auto webSocket = m_router.findWebSocket(HttpRequest(parsed, peer).encodedPath());
    if (!webSocket.check || !m_upgradeTaker || parsed.method != HttpMethod::Get)
        return ApiError::notFound(QStringLiteral("no WebSocket endpoint here"));
    try {
        accepted = (*webSocket.check)(HttpRequest(parsed, peer, webSocket.params));
    } catch (const ApiError &error) {
        return error;
    }
    return std::nullopt;
}

void HttpServer::takeUpgrade(std::unique_ptr<QTcpSocket> socket, std::any accepted)
{
    m_upgradeTaker(std::move(socket), std::move(accepted));
}

} // namespace nova
