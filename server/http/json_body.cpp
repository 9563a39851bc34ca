#include "server/http/json_body.h"

#include "shared/api_error.h"

#include <QJsonDocument>

namespace nova {

QJsonObject parseJsonObjectBody(const QByteArray &body, const QStringList &allowed)
{
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("the request body must be a JSON object"),
                                   QStringLiteral("invalid_json"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("the request body is not valid JSON: %1 at "
                                                  "offset %2")
                                       .arg(error.errorString())
                                       .arg(error.offset),
                                   QStringLiteral("invalid_json"));
    if (!document.isObject())
        throw ApiError::badRequest(QStringLiteral("the request body must be a JSON object"),
                                   QStringLiteral("invalid_json"));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("unknown field '%1' (accepted: %2)")
                                           .arg(it.key().left(64), allowed.join(u", ")),
                                       QStringLiteral("unknown_field"));
    }
    return object;
}

QString requireTextField(const QJsonObject &object, const QString &name, qsizetype maxLength)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        throw ApiError::badRequest(QStringLiteral("'%1' is required").arg(name),
                                   QStringLiteral("invalid_field"));
    if (!value.isString())
        throw ApiError::badRequest(QStringLiteral("'%1' must be a string").arg(name),
                                   QStringLiteral("invalid_field"));
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        throw ApiError::badRequest(QStringLiteral("'%1' must not be empty").arg(name),
                                   QStringLiteral("invalid_field"));
    if (text.size() > maxLength)
        throw ApiError::badRequest(
            QStringLiteral("'%1' is longer than %2 characters").arg(name).arg(maxLength),
            QStringLiteral("invalid_field"));
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Surrogate)
            throw ApiError::badRequest(
                QStringLiteral("'%1' must not contain control characters").arg(name),
                QStringLiteral("invalid_field"));
    }
    return text;
}

} // namespace nova
