#include "server/http/http_reply.h"

#include "server/http/http_connection.h"
#include "server/http/http_log.h"
#include "shared/api_error.h"

#include <QLoggingCategory>

#include <utility>

namespace nova {

HttpReply::HttpReply(HttpConnection *connection, quint64 sequence, bool headOnly)
    : m_connection(connection)
    , m_sequence(sequence)
    , m_headOnly(headOnly)
    , m_sent(false)
{}

HttpReply::HttpReply(HttpReply &&other) noexcept
    : m_connection(std::move(other.m_connection))
    , m_sequence(other.m_sequence)
    , m_headOnly(other.m_headOnly)
    , m_sent(std::exchange(other.m_sent, true))
{}

HttpReply &HttpReply::operator=(HttpReply &&other) noexcept
{
    if (this != &other) {
        m_connection = std::move(other.m_connection);
        m_sequence = other.m_sequence;
        m_headOnly = other.m_headOnly;
        m_sent = std::exchange(other.m_sent, true);
    }
    return *this;
}

HttpReply::~HttpReply()
{
    // A handler that lost its reply would otherwise hold up every later answer on the connection.
    if (!m_sent)
        sendError(ApiError::internal(QStringLiteral("the request was not answered")));
}

void HttpReply::send(const HttpResponse &response)
{
    if (std::exchange(m_sent, true))
        return;
    if (m_connection) // else the client left; nobody to tell
        m_connection->answer(m_sequence, response.toBytes(!m_headOnly));
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
