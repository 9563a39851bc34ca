#pragma once

#include "server/http/http_limits.h"
#include "server/http/http_request_parser.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <deque>

class QTcpSocket;

namespace nova {

class ApiError;
class HttpServer;

// One client's HTTP/1.1 connection: reads requests with the parser, hands each to the server's
// router, and writes the answers in the order the requests came, however late each is ready. A
// WebSocket upgrade leaves it with its handshake still unread, once every earlier answer is out.
// Time is a deadline, not a timer: restarting a QTimer twice per request is measurable on a busy
// server, so the server sweeps the deadlines.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    // Takes `socket` as its child.
    HttpConnection(QTcpSocket *socket, HttpServer &server, const HttpLimits &limits);

    // The answer to request number `sequence` (HttpReply's side).
    void answer(quint64 sequence, QByteArray bytes);

    // Closes the connection if its deadline (idle, or the linger after a refusal) has passed, and
    // answers 408 to a request that is still not whole when its time is up.
    void closeIfExpired(qint64 nowMs);
    static qint64 nowMs();

private:
    enum class State
    {
        Reading,   // requests are read as they come
        Closing,   // the last request asked to close: answer what is pending, then close
        Upgrading, // an upgrade head came: answer what is pending, then hand the socket over
        Refused,   // a malformed request: answer what is pending and the refusal, then linger
    };
    struct Pending
    {
        QByteArray bytes;
        bool ready = false;
    };

    void readRequests();
    qint64 readBufferBytes() const;
    void resumeReading();
    void refuse(int status, const QString &message);
    // An error answer after every pending one, with Connection: close.
    void queueLastAnswer(const ApiError &error);
    void flush();
    void onBytesWritten();
    void finishUpgrade();

    QTcpSocket *m_socket;
    HttpServer &m_server;
    HttpLimits m_limits;
    HttpRequestParser m_parser;
    QHostAddress m_peer;
    State m_state = State::Reading;
    std::deque<Pending> m_pending; // answers not yet written, oldest first
    quint64 m_firstPending = 0;    // the request number of m_pending.front()
    quint64 m_nextSequence = 0;
    qint64 m_fedUnread = 0; // bytes in the socket's buffer the parser has already seen
    ParsedRequest m_upgrade;
    qint64 m_deadlineMs = 0;
    qint64 m_requestDeadlineMs = 0; // while a request is partly read: when it must be whole
    bool m_readQueued = false;
    bool m_upgradeQueued = false;
    bool m_halfClosed = false;
};

} // namespace nova
