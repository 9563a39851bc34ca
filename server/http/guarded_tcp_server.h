#pragma once

#include "server/http/http_limits.h"

#include <QTcpServer>

namespace nova {

// The listening socket behind HttpServer: every accepted connection gets a ConnectionGuard that
// sees its bytes before QHttpServer does.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(const HttpLimits &limits, QObject *httpServer, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    QObject *m_httpServer;
};

} // namespace nova
