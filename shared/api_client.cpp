#include "shared/api_client.h"

#include "shared/api_error.h"
#include "shared/stream_json.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QPromise>

#include <memory>

namespace nova {

ApiClient::ApiClient(QUrl baseUrl, QString token, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
{
    if (!token.isEmpty())
        m_authorization = "Bearer " + token.toUtf8();
}

QFuture<CreatedStream> ApiClient::createStream(const QString &title)
{
    return send("POST", QStringLiteral("/api/v1/streams"), {{QStringLiteral("title"), title}})
        .then([](const QJsonObject &object) {
            auto created = createdStreamFromJson(object);
            if (!created)
                throw ApiError(0, QStringLiteral("bad_response"),
                               QStringLiteral("the server's answer is not a created stream"));
            return *created;
        });
}

QFuture<Stream> ApiClient::stream(const QUuid &id)
{
    return send("GET", QStringLiteral("/api/v1/streams/") + id.toString(QUuid::WithoutBraces))
        .then([](const QJsonObject &object) {
            auto stream = streamFromJson(object);
            if (!stream)
                throw ApiError(0, QStringLiteral("bad_response"),
                               QStringLiteral("the server's answer is not a stream"));
            return *stream;
        });
}

QFuture<void> ApiClient::checkHealth()
{
    return send("GET", QStringLiteral("/healthz")).then([](const QJsonObject &) {});
}

QFuture<QJsonObject> ApiClient::send(const QByteArray &verb, const QString &path,
                                     const QJsonObject &body)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + path);

    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_timeout.count()));
    request.setRawHeader("Accept", "application/json");
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);

    QByteArray payload;
    if (!body.isEmpty()) {
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    }

    auto promise = std::make_shared<QPromise<QJsonObject>>();
    promise->start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, payload);
    connect(reply, &QNetworkReply::finished, this, [reply, promise, url] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        try {
            if (status == 0) {
                throw ApiError(
                    0, QStringLiteral("unreachable"),
                    QStringLiteral("cannot reach the Nova API at %1: %2")
                        .arg(url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString(),
                             reply->errorString()));
            }
            if (status >= 400) {
                if (auto error = ApiError::fromJson(status, bytes))
                    throw *error;
                throw ApiError(status, QStringLiteral("http_error"),
                               QStringLiteral("the server answered HTTP %1").arg(status));
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
            if (parseError.error != QJsonParseError::NoError || !document.isObject())
                throw ApiError(status, QStringLiteral("bad_response"),
                               QStringLiteral("the server's answer is not a JSON object"));
            promise->addResult(document.object());
        } catch (const ApiError &) {
            promise->setException(std::current_exception());
        }
        promise->finish();
    });
    return promise->future();
}

} // namespace nova
