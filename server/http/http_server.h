#pragma once

#include "server/http/address_limit.h"
#include "server/http/http_limits.h"
#include "server/http/router.h"
#include "shared/api_error.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <any>
#include <functional>
#include <memory>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace nova {

class HttpConnection;

// nova-server's HTTP/1.1 front, on a plain QTcpServer: an HttpConnection per client reads the
// requests, the Router dispatches them, and WebSocket upgrades are handed to an UpgradeTaker.
// Every answer it writes itself (404, 405, handler errors) goes through HttpReply, so all errors
// look alike.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    explicit HttpServer(const HttpLimits &limits, QObject *parent = nullptr);
    ~HttpServer() override;

    Router &router() { return m_router; }

    // Starts listening; on failure returns false and says why in `error`.
    bool bindTo(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;

    // Who takes a connection once its WebSocket upgrade request passed its route's check: the TCP
    // socket with the handshake still unread (for a QWebSocketServer's handleConnection()), and
    // what the route's check returned. Without a taker, upgrades are refused.
    using UpgradeTaker = std::function<void(std::unique_ptr<QTcpSocket> socket, std::any upgrade)>;
    void setUpgradeTaker(UpgradeTaker taker) { m_upgradeTaker = std::move(taker); }

    // HttpConnection's side: one complete request to route and answer.
    void dispatch(const ParsedRequest &request, const QHostAddress &peer, HttpReply reply);
    // Why an upgrade request is refused, or nothing when it may go ahead; then `accepted` holds
    // what its route's check returned, for takeUpgrade().
    std::optional<ApiError> checkUpgrade(const ParsedRequest &request, const QHostAddress &peer,
                                         std::any &accepted) const;
    void takeUpgrade(std::unique_ptr<QTcpSocket> socket, std::any accepted);
    // A connection or request was turned away by a limit (`reason`: a metric label).
    void noteRefusal(const QString &reason) { emit refused(reason); }
    int connections() const { return int(m_connections.size()); }

signals:
    void refused(const QString &reason);

private:
    void acceptConnections();
    bool atCapacity() const;
    void noteWaiting();
    // Answers a connection that is not taken on, then closes it.
    void turnAway(QTcpSocket *socket, const ApiError &error);
    void sweep();

    Router m_router;
    HttpLimits m_limits;
    QTcpServer *m_listener = nullptr;
    QSet<HttpConnection *> m_connections;
    AddressLimit m_perAddress;
    QTimer m_sweep;
    QElapsedTimer m_lastFullLog;
    UpgradeTaker m_upgradeTaker;
};

} // namespace nova
