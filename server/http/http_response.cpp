#include "server/http/http_response.h"

#include "shared/api_error.h"

#include <QJsonDocument>

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
    QByteArray out;
    out.reserve(192 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    if (withBody)
        out += body;
    return out;
}

} // namespace nova
