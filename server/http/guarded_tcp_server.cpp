#include "server/http/guarded_tcp_server.h"

#include "server/http/connection_guard.h"

#include <QTcpSocket>

#include <utility>

namespace nova {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, QObject *httpServer, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_httpServer(httpServer)
{
    // Idle connections close within a quarter of the timeout (at most a second) of expiring.
    const qint64 idleMs = m_limits.idleTimeout.count();
    m_sweep.setInterval(int(std::clamp<qint64>(idleMs / 4, 20, 1000)));
    connect(&m_sweep, &QTimer::timeout, this, &GuardedTcpServer::sweep);
    m_sweep.start();
}

void GuardedTcpServer::sweep()
{
    const qint64 now = ConnectionGuard::nowMs();
    // Closing may destroy guards (and so change the set) later, never during this loop.
    const QList<ConnectionGuard *> guards = m_guards.values();
    for (ConnectionGuard *guard : guards)
        guard->closeIfExpired(now);
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto *guard = new ConnectionGuard(socket, m_limits, m_httpServer);
    m_guards.insert(guard);
    connect(guard, &QObject::destroyed, this, [this, guard] { m_guards.remove(guard); });
    if (m_accepted.isEmpty())
        QMetaObject::invokeMethod(this, &GuardedTcpServer::handOver, Qt::QueuedConnection);
    m_accepted.append({socket, guard});
}

void GuardedTcpServer::handOver()
{
    const QList<Accepted> accepted = std::exchange(m_accepted, {});
    // Slots run in connection order: the guard's first look, the server's read (connected when it
    // takes the pending connection, synchronously in addPendingConnection), the guard's second.
    for (const Accepted &connection : accepted) {
        if (connection.guard)
            connection.guard->attachBeforeServer();
    }
    // One announcement for the whole batch: QAbstractHttpServer takes every pending connection
    // at once, and each announcement costs it a walk over every connection it serves.
    qsizetype last = accepted.size() - 1;
    while (last >= 0 && !accepted.at(last).socket)
        --last;
    for (qsizetype i = 0; i <= last; ++i) {
        if (!accepted.at(i).socket)
            continue;
        blockSignals(i < last);
        addPendingConnection(accepted.at(i).socket);
    }
    blockSignals(false);
    for (const Accepted &connection : accepted) {
        if (connection.guard)
            connection.guard->attachAfterServer();
        // What arrived before anyone listened is announced again.
        if (connection.socket && connection.socket->bytesAvailable() > 0)
            emit connection.socket->readyRead();
    }
}

} // namespace nova
