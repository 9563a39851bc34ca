#include "server/http/guarded_tcp_server.h"

#include "server/http/connection_guard.h"

#include <QTcpSocket>

namespace nova {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, QObject *httpServer, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_httpServer(httpServer)
{}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto *guard = new ConnectionGuard(socket, m_limits, m_httpServer);
    // Slots run in connection order: the guard's first look, the server's read (connected when it
    // takes the pending connection, synchronously in addPendingConnection), the guard's second.
    guard->attachBeforeServer();
    addPendingConnection(socket);
    guard->attachAfterServer();
}

} // namespace nova
