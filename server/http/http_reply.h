#pragma once

#include "server/http/http_response.h"

#include <QFuture>
#include <QPointer>

#include <exception>

namespace nova {

class ApiError;
class HttpConnection;

// The way back to one request: written once, possibly long after the handler returned, since the
// answer is often the outcome of a database future. The connection puts it on the wire in request
// order; if the client has gone by then, the answer is dropped. Errors are rendered here and
// nowhere else.
class HttpReply
{
public:
    // `sequence` is the request's place on its connection; a HEAD request is answered without body.
    HttpReply(HttpConnection *connection, quint64 sequence, bool headOnly);
    HttpReply(HttpReply &&other) noexcept;
    HttpReply &operator=(HttpReply &&other) noexcept;
    ~HttpReply();

    void send(const HttpResponse &response);
    void sendError(const ApiError &error);
    // ApiError as it is; anything else is logged and answered as a 500.
    void sendException(const std::exception_ptr &exception);

    bool isSent() const { return m_sent; }

private:
    QPointer<HttpConnection> m_connection;
    quint64 m_sequence = 0;
    bool m_headOnly = false;
    bool m_sent = true; // a moved-from reply has nothing left to send
};

// Answers `reply` with the future's response, or with its error, on `context`'s thread.
void replyWhenReady(QFuture<HttpResponse> future, QObject *context, HttpReply reply);

} // namespace nova
