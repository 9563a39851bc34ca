#pragma once

#include "server/http/http_limits.h"
#include "server/http/router.h"
#include "shared/api_error.h"

#include <QHostAddress>
#include <QtHttpServer/QAbstractHttpServer>

namespace nova {

class GuardedTcpServer;

// nova-server's HTTP front: QAbstractHttpServer's parser and WebSocket hand-over (accepted
// sockets come out of newWebSocketConnection()), a ConnectionGuard on every connection, and the
// Router for dispatch. Every answer it writes itself (404, 405,
// handler errors) goes through HttpReply, so all errors look alike.
class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit HttpServer(const HttpLimits &limits, QObject *parent = nullptr);

    Router &router() { return m_router; }

    // Starts listening; on failure returns false and says why in `error`.
    bool bindTo(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Router m_router;
    HttpLimits m_limits;
    std::optional<ApiError> m_upgradeRefusal; // why handleRequest turned an upgrade down
    GuardedTcpServer *m_listener = nullptr;
};

} // namespace nova
