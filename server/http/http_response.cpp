#include "server/http/http_response.h"

#include "shared/api_error.h"

#include <QJsonDocument>

#include <cstdio>

namespace nova {

namespace {
QByteArrayView reasonPhrase(int status)
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
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}
} // namespace

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return {status,
            QByteArrayLiteral("application/json"),
            QJsonDocument(object).toJson(QJsonDocument::Compact),
            {}};
}

HttpResponse HttpResponse::redirect(const QByteArray &location)
{
    return {302, QByteArrayLiteral("text/plain"), QByteArray(), {{"Location", location}}};
}

HttpResponse HttpResponse::text(int status, QByteArray contentType, QByteArray body)
{
    return {status, std::move(contentType), std::move(body), {}};
}

HttpResponse HttpResponse::error(const ApiError &error)
{
    HttpResponse response{
        error.status(), QByteArrayLiteral("application/json"), error.toJsonBytes(), {}};
    if (error.status() == 401)
        response.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
    if (error.retryAfterSeconds() > 0)
        response.headers.append(
            {QByteArrayLiteral("Retry-After"), QByteArray::number(error.retryAfterSeconds())});
    return response;
}

QByteArray HttpResponse::toBytes(bool withBody) const
{
    // Appended piece by piece into one reserved buffer: no temporaries on the hot path.
    qsizetype headerBytes = 0;
    for (const auto &[name, value] : headers)
        headerBytes += name.size() + value.size() + 4;
    QByteArray out;
    out.reserve(96 + contentType.size() + headerBytes + (withBody ? body.size() : 0));
    char digits[24];
    const auto number = [&digits](qint64 value) {
        return QByteArrayView(
            digits, std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(value)));
    };
    out.append("HTTP/1.1 ").append(number(status)).append(' ').append(reasonPhrase(status));
    out.append("\r\n");
    if (!contentType.isEmpty())
        out.append("Content-Type: ").append(contentType).append("\r\n");
    for (const auto &[name, value] : headers)
        out.append(name).append(": ").append(value).append("\r\n");
    out.append("Content-Length: ").append(number(body.size())).append("\r\n\r\n");
    if (withBody)
        out.append(body);
    return out;
}

} // namespace nova
