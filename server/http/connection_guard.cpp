#include "server/http/connection_guard.h"

#include "server/http/http_log.h"
#include "shared/api_error.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <sys/socket.h>

namespace nova {

namespace {
// How long a rejected connection keeps reading (and discarding) so that the client sees the error
// instead of a reset.
constexpr int kLingerMs = 2000;

QByteArray statusLine(int status)
{
    switch (status) {
    case 400:
        return "400 Bad Request";
    case 408:
        return "408 Request Timeout";
    case 411:
        return "411 Length Required";
    case 413:
        return "413 Content Too Large";
    case 431:
        return "431 Request Header Fields Too Large";
    default:
        return QByteArray::number(status) + " Error";
    }
}

QString codeFor(int status)
{
    switch (status) {
    case 411:
        return QStringLiteral("length_required");
    case 413:
        return QStringLiteral("payload_too_large");
    case 431:
        return QStringLiteral("headers_too_large");
    default:
        return QStringLiteral("bad_request");
    }
}
} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, QObject *httpServer)
    : QObject(socket)
    , m_socket(socket)
    , m_httpServer(httpServer)
    , m_framer(limits.framing)
    , m_idleTimeoutMs(limits.idleTimeout.count())
    , m_deadlineMs(nowMs() + m_idleTimeoutMs)
{
    connect(m_socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
}

qint64 ConnectionGuard::nowMs()
{
    return QDeadlineTimer::current().deadline();
}

void ConnectionGuard::closeIfExpired(qint64 now)
{
    if (!m_socket || now < m_deadlineMs || m_socket->state() == QAbstractSocket::UnconnectedState)
        return;
    if (!m_rejected)
        qCDebug(lcHttp) << "closing idle connection from" << m_socket->peerAddress();
    m_socket->abort();
}

void ConnectionGuard::attachBeforeServer()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspectNewBytes);
}

void ConnectionGuard::attachAfterServer()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::noteServerRead);
}

void ConnectionGuard::inspectNewBytes()
{
    if (m_rejected) {
        m_socket->readAll(); // lingering: discard what the client still sends
        return;
    }
    m_deadlineMs = nowMs() + m_idleTimeoutMs;
    const qint64 available = m_socket->bytesAvailable();
    if (available <= m_seenUnread)
        return;
    const QByteArray bytes = m_socket->peek(available);
    const auto result = m_framer.feed(QByteArrayView(bytes).sliced(m_seenUnread));
    m_seenUnread = available;

    using Kind = HttpRequestFramer::Result::Kind;
    if (result.kind == Kind::Reject) {
        rejectConnection(result.status, result.message);
        return;
    }
    if (result.kind == Kind::Upgrade) {
        stepAside();
        return;
    }
    if (result.closeRequested)
        m_closeWhenFlushed = true;
    if (result.continueExpected)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

void ConnectionGuard::noteServerRead()
{
    // Whatever the server left unread has been through the framer already.
    m_seenUnread = std::min(m_seenUnread, m_socket->bytesAvailable());
}

void ConnectionGuard::onBytesWritten()
{
    if (m_socket->bytesToWrite() > 0)
        return;
    if (m_rejected) {
        // Half-close: the client reads our answer, then end-of-stream, while whatever it still
        // sends is read and dropped. Closing outright with its data unread would make the kernel
        // send a reset, which can destroy the answer before the client reads it.
        if (!m_halfClosed)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        m_halfClosed = true;
        return;
    }
    m_deadlineMs = nowMs() + m_idleTimeoutMs;
    if (m_closeWhenFlushed)
        m_socket->disconnectFromHost();
}

void ConnectionGuard::rejectConnection(int status, const QString &message)
{
    m_rejected = true;
    // The server must never read this request: stop it, answer, and close once the answer is out.
    disconnect(m_socket, &QTcpSocket::readyRead, m_httpServer, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    qCInfo(lcHttp).noquote() << "refused request from" << m_socket->peerAddress().toString()
                             << "with" << status << message;

    const QByteArray body = ApiError(status, codeFor(status), message).toJsonBytes();
    m_socket->write("HTTP/1.1 " + statusLine(status) +
                    "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body);
    // The linger ends when the client closes, or at this deadline, whichever comes first.
    m_deadlineMs = nowMs() + kLingerMs;
}

void ConnectionGuard::stepAside()
{
    // The socket now belongs to the WebSocket hub, which keeps its own timers and limits, and
    // may move it to another thread before this guard's deferred deletion: the guard lets go of
    // it now and stays behind.
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket = nullptr;
    setParent(nullptr);
    deleteLater();
}

} // namespace nova
