#include "server/http/http_response.h"

#include <QJsonDocument>

namespace nova {

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

} // namespace nova
