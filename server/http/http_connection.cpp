#include "server/http/http_connection.h"

#include "server/http/http_log.h"
#include "server/http/http_reply.h"
#include "server/http/http_request.h"
#include "server/http/http_server.h"
#include "shared/api_error.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <sys/socket.h>

namespace nova {

namespace {
// How long a refused connection keeps reading (and discarding) so that the client sees the error
// instead of a reset.
constexpr qint64 kLingerMs = 2000;

QString codeFor(int status)
{
    switch (status) {
    case 408:
        return QStringLiteral("request_timeout");
    case 411:
        return QStringLiteral("length_required");
    case 413:
        return QStringLiteral("payload_too_large");
    case 414:
        return QStringLiteral("target_too_long");
    case 431:
        return QStringLiteral("headers_too_large");
    case 505:
        return QStringLiteral("version_not_supported");
    default:
        return QStringLiteral("bad_request");
    }
}
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer &server, const HttpLimits &limits)
    : m_socket(socket)
    , m_server(server)
    , m_limits(limits)
    , m_parser(limits.parsing)
    , m_peer(socket->peerAddress())
    , m_deadlineMs(nowMs() + limits.idleTimeout.count())
{
    m_socket->setParent(this);
    // Room for one whole request and then some: what a client sends beyond that while its answers
    // are pending (or after it asked to close) waits in the kernel, not in this process.
    m_socket->setReadBufferSize(readBufferBytes());
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readRequests);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
}

qint64 HttpConnection::nowMs()
{
    return QDeadlineTimer::current().deadline();
}

void HttpConnection::closeIfExpired(qint64 now)
{
    if (m_state == State::Reading && m_requestDeadlineMs != 0 && now >= m_requestDeadlineMs) {
        m_server.noteRefusal(QStringLiteral("request_timeout"));
        refuse(408, QStringLiteral("the request did not arrive whole within %1 s")
                        .arg(m_limits.requestTimeout.count() / 1000.0));
        return;
    }
    // An answer still being worked on is not idleness: the store has deadlines of its own.
    const bool waiting = !m_pending.empty() && m_state != State::Refused;
    if (!m_socket || now < m_deadlineMs || waiting)
        return;
    if (m_state != State::Refused)
        qCDebug(lcHttp) << "closing idle connection from" << m_peer;
    m_socket->abort();
    deleteLater();
}

void HttpConnection::readRequests()
{
    m_readQueued = false;
    if (m_state == State::Refused) {
        m_socket->readAll(); // lingering: discard what the client still sends
        return;
    }
    m_deadlineMs = nowMs() + m_limits.idleTimeout.count();
    while (m_state == State::Reading && qsizetype(m_pending.size()) < m_limits.maxPipelined) {
        const qint64 available = m_socket->bytesAvailable();
        if (available <= m_fedUnread)
            return;
        // Peeked, not read: an upgrade's handshake must still be in the socket for the hub.
        const QByteArray bytes = m_socket->peek(available);
        auto step = m_parser.feed(QByteArrayView(bytes).sliced(m_fedUnread));

        using Kind = HttpRequestParser::Step::Kind;
        if (step.kind == Kind::NeedMore) {
            m_fedUnread = available;
            if (m_requestDeadlineMs == 0) // the first bytes of a request: it has this long
                m_requestDeadlineMs = nowMs() + m_limits.requestTimeout.count();
            if (step.continueExpected && m_pending.empty())
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
        if (step.kind == Kind::Reject) {
            refuse(step.status, step.message);
            return;
        }

        const qint64 requestBytes = m_fedUnread + step.consumed;
        m_fedUnread = 0;
        m_requestDeadlineMs = 0;
        if (step.request.upgrade) {
            m_upgrade = std::move(step.request);
            m_state = State::Upgrading;
            flush();
            return;
        }
        m_socket->skip(requestBytes);
        resumeReading();
        if (!step.request.keepAlive)
            m_state = State::Closing; // nothing after it is read (RFC 9112, 9.6)
        const quint64 sequence = m_nextSequence++;
        m_pending.push_back({});
        m_server.dispatch(step.request, m_peer,
                          HttpReply(this, sequence, step.request.method == HttpMethod::Head));
    }
}

qint64 HttpConnection::readBufferBytes() const
{
    return m_limits.parsing.maxHeadBytes + m_limits.parsing.maxBodyBytes + 64 * 1024;
}

void HttpConnection::resumeReading()
{
    // A full read buffer stops the socket's read notifications, and taking bytes out of the buffer
    // does not start them again; setting the size does, when there is room.
    if (m_socket->bytesAvailable() < readBufferBytes()) {
        m_socket->setReadBufferSize(0);
        m_socket->setReadBufferSize(readBufferBytes());
    }
}

void HttpConnection::answer(quint64 sequence, QByteArray bytes)
{
    if (sequence < m_firstPending || sequence - m_firstPending >= m_pending.size())
        return;
    Pending &slot = m_pending[sequence - m_firstPending];
    if (slot.ready)
        return;
    slot.bytes = std::move(bytes);
    slot.ready = true;
    flush();
}

void HttpConnection::refuse(int status, const QString &message)
{
    qCInfo(lcHttp).noquote() << "refused request from" << m_peer.toString() << "with" << status
                             << message;
    m_state = State::Refused;
    m_fedUnread = 0;
    m_socket->readAll();
    queueLastAnswer(ApiError(status, codeFor(status), message));
}

void HttpConnection::queueLastAnswer(const ApiError &error)
{
    // Answered after whatever came before it, then the connection closes.
    HttpResponse response = HttpResponse::error(error);
    response.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    m_pending.push_back({response.toBytes(), true});
    ++m_nextSequence;
    flush();
}

void HttpConnection::flush()
{
    const bool wasFull = qsizetype(m_pending.size()) >= m_limits.maxPipelined;
    const bool connected = m_socket->state() == QAbstractSocket::ConnectedState;
    while (!m_pending.empty() && m_pending.front().ready) {
        if (connected) // else the client left, and the answer with it
            m_socket->write(m_pending.front().bytes);
        m_pending.pop_front();
        ++m_firstPending;
    }
    if (m_state == State::Reading) {
        // Requests that waited for room in the queue are read now, but not from inside a handler.
        if (wasFull && qsizetype(m_pending.size()) < m_limits.maxPipelined && !m_readQueued) {
            m_readQueued = true;
            QMetaObject::invokeMethod(this, &HttpConnection::readRequests, Qt::QueuedConnection);
        }
        return;
    }
    if (!m_pending.empty())
        return;
    if (m_state == State::Upgrading) {
        // Not from inside the socket's own signal: the hub may move it to another thread.
        if (!std::exchange(m_upgradeQueued, true))
            QMetaObject::invokeMethod(this, &HttpConnection::finishUpgrade, Qt::QueuedConnection);
        return;
    }
    onBytesWritten(); // closes now if everything is on the wire already
}

void HttpConnection::onBytesWritten()
{
    m_deadlineMs = nowMs() + m_limits.idleTimeout.count();
    if (m_socket->bytesToWrite() > 0 || !m_pending.empty())
        return;
    if (m_state == State::Closing) {
        m_socket->disconnectFromHost();
    } else if (m_state == State::Refused && !m_halfClosed) {
        // Half-close: the client reads our answer, then end-of-stream, while whatever it still
        // sends is read and dropped. Closing outright with its data unread would make the kernel
        // send a reset, which can destroy the answer before the client reads it. The linger ends
        // when the client closes, or at this deadline, whichever comes first.
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        m_halfClosed = true;
        m_deadlineMs = nowMs() + kLingerMs;
    }
}

void HttpConnection::finishUpgrade()
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    std::any accepted;
    if (const auto refusal = m_server.checkUpgrade(m_upgrade, m_peer, accepted)) {
        m_state = State::Closing;
        m_socket->skip(m_socket->bytesAvailable());
        queueLastAnswer(*refusal);
        return;
    }
    // The socket now belongs to the WebSocket hub, which keeps its own timers and limits.
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->setParent(nullptr);
    m_socket->setReadBufferSize(0); // the hub reads WebSocket frames at its own pace
    std::unique_ptr<QTcpSocket> socket(std::exchange(m_socket, nullptr));
    m_server.takeUpgrade(std::move(socket), std::move(accepted));
    deleteLater();
}

} // namespace nova
