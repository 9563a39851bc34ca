#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <exception>
#include <optional>

namespace nova {

// An error as the API reports it: HTTP status, a stable code for programs, a message for people.
// Thrown through futures on both sides of the wire and rendered in exactly one place by the server.
class ApiError : public std::exception
{
public:
    ApiError(int status, QString code, QString message);

    int status() const { return m_status; }
    const QString &code() const { return m_code; }
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_what.constData(); }
    // For 429 and 503: when to try again (seconds), 0 when unknown.
    int retryAfterSeconds() const { return m_retryAfter; }

    // {"error":{"code":..,"message":..}}
    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;
    // Reads an error envelope; nullopt when the body is not one.
    static std::optional<ApiError> fromJson(int status, const QByteArray &body);

    static ApiError badRequest(QString message, QString code = QStringLiteral("bad_request"));
    static ApiError unauthorized(QString message);
    static ApiError forbidden(QString message);
    static ApiError notFound(QString message);
    static ApiError conflict(QString message, QString code = QStringLiteral("conflict"));
    static ApiError payloadTooLarge(QString message);
    static ApiError tooManyRequests(QString message, int retryAfterSeconds);
    static ApiError unavailable(QString message);
    static ApiError internal(QString message);

private:
    int m_status;
    QString m_code;
    QString m_message;
    QByteArray m_what;
    int m_retryAfter = 0;
};

} // namespace nova
