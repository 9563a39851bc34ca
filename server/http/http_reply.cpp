#include "server/http/http_reply.h"

#include "server/http/http_log.h"
#include "shared/api_error.h"

#include <QLoggingCategory>

namespace nova {

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}
} // namespace

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
    QByteArray out;
    out.reserve(192 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
           "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
    out += response.body;
    m_socket->write(out);
}

void HttpReply::sendError(const ApiError &error)
{
    HttpResponse response{
        error.status(), QByteArrayLiteral("application/json"), error.toJsonBytes(), {}};
    if (error.status() == 401)
        response.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
    if (error.retryAfterSeconds() > 0)
        response.headers.append(
            {QByteArrayLiteral("Retry-After"), QByteArray::number(error.retryAfterSeconds())});
    send(response);
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
