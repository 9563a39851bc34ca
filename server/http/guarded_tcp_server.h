#pragma once

#include "server/http/http_limits.h"

#include <QList>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

namespace nova {

class ConnectionGuard;

// The listening socket behind HttpServer: every accepted connection gets a ConnectionGuard that
// sees its bytes before QHttpServer does, and one timer sweeps the guards' deadlines.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(const HttpLimits &limits, QObject *httpServer, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    // Connections accepted in one go, handed to the HTTP server together.
    struct Accepted
    {
        QPointer<QTcpSocket> socket;
        QPointer<ConnectionGuard> guard;
    };

    void handOver();
    void sweep();

    HttpLimits m_limits;
    QObject *m_httpServer;
    QSet<ConnectionGuard *> m_guards;
    QList<Accepted> m_accepted;
    QTimer m_sweep;
};

} // namespace nova
