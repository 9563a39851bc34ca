#pragma once

#include "server/http/http_limits.h"
#include "server/http/router.h"
#include "shared/api_error.h"

#include <QHostAddress>
#include <QtHttpServer/QAbstractHttpServer>

#include <functional>
#include <memory>

class QTcpSocket;

namespace nova {

class GuardedTcpServer;

// nova-server's HTTP front: QAbstractHttpServer's parser, a ConnectionGuard on every connection,
// the Router for dispatch, and WebSocket upgrades handed to an UpgradeTaker. Every answer it writes
// itself (404, 405, handler errors) goes through HttpReply, so all errors look alike.
class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit HttpServer(const HttpLimits &limits, QObject *parent = nullptr);

    Router &router() { return m_router; }

    // Starts listening; on failure returns false and says why in `error`.
    bool bindTo(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;

    // Who takes a connection once its WebSocket upgrade request passed its route's check: the TCP
    // socket with the handshake still unread (for a QWebSocketServer's handleConnection()), and
    // the request's URL. Without a taker, upgrades are refused.
    using UpgradeTaker = std::function<void(std::unique_ptr<QTcpSocket> socket, const QUrl &url)>;
    void setUpgradeTaker(UpgradeTaker taker);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void customEvent(QEvent *event) override;

private:
    void takeUpgrade(QTcpSocket *socket, const QUrl &url);

    Router m_router;
    HttpLimits m_limits;
    std::optional<ApiError> m_upgradeRefusal; // why handleRequest turned an upgrade down
    GuardedTcpServer *m_listener = nullptr;
    UpgradeTaker m_upgradeTaker;
};

} // namespace nova
