#include "shared/api_error.h"

#include <QJsonDocument>

namespace nova {

ApiError::ApiError(int status, QString code, QString message)
    : m_status(status)
    , m_code(std::move(code))
    , m_message(std::move(message))
    , m_what(m_message.toUtf8())
{}

QJsonObject ApiError::toJson() const
{
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), m_code},
                                                  {QStringLiteral("message"), m_message}}}};
}

QByteArray ApiError::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

std::optional<ApiError> ApiError::fromJson(int status, const QByteArray &body)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(u"error").toObject();
    const QString code = error.value(u"code").toString();
    if (code.isEmpty())
        return std::nullopt;
    return ApiError(status, code, error.value(u"message").toString());
}

ApiError ApiError::badRequest(QString message, QString code)
{
    return {400, std::move(code), std::move(message)};
}

ApiError ApiError::unauthorized(QString message)
{
    return {401, QStringLiteral("unauthorized"), std::move(message)};
}

ApiError ApiError::forbidden(QString message)
{
    return {403, QStringLiteral("forbidden"), std::move(message)};
}

ApiError ApiError::notFound(QString message)
{
    return {404, QStringLiteral("not_found"), std::move(message)};
}

ApiError ApiError::conflict(QString message, QString code)
{
    return {409, std::move(code), std::move(message)};
}

ApiError ApiError::payloadTooLarge(QString message)
{
    return {413, QStringLiteral("payload_too_large"), std::move(message)};
}

ApiError ApiError::tooManyRequests(QString message, int retryAfterSeconds)
{
    ApiError error(429, QStringLiteral("rate_limited"), std::move(message));
    error.m_retryAfter = retryAfterSeconds;
    return error;
}

ApiError ApiError::unavailable(QString message)
{
    return {503, QStringLiteral("unavailable"), std::move(message)};
}

ApiError ApiError::internal(QString message)
{
    return {500, QStringLiteral("internal"), std::move(message)};
}

} // namespace nova
