#pragma once

#include "server/http/http_limits.h"

#include <QSet>
#include <QTcpServer>
#include <QTimer>

namespace nova {

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
    void sweep();

    HttpLimits m_limits;
    QObject *m_httpServer;
    QSet<class ConnectionGuard *> m_guards;
    QTimer m_sweep;
};

} // namespace nova
