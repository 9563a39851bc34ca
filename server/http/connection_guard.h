#pragma once

#include "server/http/http_limits.h"
#include "server/http/http_request_framer.h"

#include <QObject>

class QTcpSocket;

namespace nova {

// Stands in front of QHttpServer on one connection: sees every byte before the server reads it and
// enforces what Qt 6.4 does not — head and body size limits (answered before a body is read), an
// idle timeout, "Connection: close" and HTTP/1.0 closes, and "100 Continue". After a WebSocket
// upgrade it steps aside. Owned by the socket. Time is a deadline, not a timer: restarting a QTimer
// twice per request is measurable on a busy server, so GuardedTcpServer sweeps the deadlines.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    // `httpServer` is the object QHttpServer connected the socket's readyRead to.
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, QObject *httpServer);

    // Connect around the server's own readyRead slot: before it, and after it.
    void attachBeforeServer();
    void attachAfterServer();

    // Closes the connection if its deadline (idle, or the linger after a refusal) has passed.
    void closeIfExpired(qint64 nowMs);
    static qint64 nowMs();

private:
    void inspectNewBytes();
    void noteServerRead();
    void onBytesWritten();
    void rejectConnection(int status, const QString &message);
    void stepAside();

    QTcpSocket *m_socket;
    QObject *m_httpServer;
    HttpRequestFramer m_framer;
    qint64 m_idleTimeoutMs;
    qint64 m_deadlineMs = 0;
    qint64 m_seenUnread = 0; // bytes in the socket buffer the framer has already seen
    bool m_closeWhenFlushed = false;
    bool m_rejected = false;
    bool m_halfClosed = false;
};

} // namespace nova
