#include "server/http/http_reply.h"

#include "server/http/http_log.h"
#include "shared/api_error.h"

#include <QLoggingCategory>

namespace nova {

HttpReply::HttpReply(QHttpServerResponder &&responder)
    : m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
    , m_socket(m_responder->socket())
{}

HttpReply::HttpReply(HttpReply &&) noexcept = default;
HttpReply &HttpReply::operator=(HttpReply &&) noexcept = default;

HttpReply::~HttpReply()
{
    // A handler that lost its reply would otherwise leave the client waiting for its own timeout.
    if (m_responder)
        sendError(ApiError::internal(QStringLiteral("the request was not answered")));
}

void HttpReply::send(const HttpResponse &response)
{
    if (!m_responder)
        return;
    const auto responder = std::move(m_responder);
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return; // the client left; nobody to tell

    // One buffer, one write: QHttpServerResponder's own writers make a write per header line.
    m_socket->write(response.toBytes());
}

void HttpReply::sendError(const ApiError &error)
{
    send(HttpResponse::error(error));
}

void HttpReply::sendException(const std::exception_ptr &exception)
{
    try {
        std::rethrow_exception(exception);
    } catch (const ApiError &error) {
        sendError(error);
    } catch (const std::exception &error) {
        qCCritical(lcHttp) << "unexpected error while answering a request:" << error.what();
        sendError(ApiError::internal(QStringLiteral("internal error")));
    } catch (...) {
        qCCritical(lcHttp) << "unexpected non-standard exception while answering a request";
        sendError(ApiError::internal(QStringLiteral("internal error")));
    }
}

void replyWhenReady(QFuture<HttpResponse> future, QObject *context, HttpReply reply)
{
    // Continuations are stored in std::function, which needs a copyable capture.
    auto shared = std::make_shared<HttpReply>(std::move(reply));
    future.then(context, [shared](QFuture<HttpResponse> done) {
        try {
            shared->send(done.result());
        } catch (...) {
            shared->sendException(std::current_exception());
        }
    });
}

} // namespace nova
