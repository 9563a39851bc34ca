#pragma once

#include "server/http/http_response.h"

#include <QFuture>
#include <QPointer>
#include <QTcpSocket>
#include <QtHttpServer/QHttpServerResponder>

#include <exception>
#include <memory>

namespace nova {

class ApiError;

// The way back to one client: written once, possibly long after the handler returned, since the
// answer is often the outcome of a database future. If the client has gone by then, the answer is
// dropped. Errors are rendered here and nowhere else.
class HttpReply
{
public:
    explicit HttpReply(QHttpServerResponder &&responder);
    HttpReply(HttpReply &&) noexcept;
    HttpReply &operator=(HttpReply &&) noexcept;
    ~HttpReply();

    void send(const HttpResponse &response);
    void sendError(const ApiError &error);
    // ApiError as it is; anything else is logged and answered as a 500.
    void sendException(const std::exception_ptr &exception);

    bool isSent() const { return !m_responder; }

private:
    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
};

// Answers `reply` with the future's response, or with its error, on `context`'s thread.
void replyWhenReady(QFuture<HttpResponse> future, QObject *context, HttpReply reply);

} // namespace nova
