#include "shared/api_client.h"

#include "shared/api_error.h"
#include "shared/rfc3339.h"
#include "shared/stream_json.h"

#include <QJsonArray>
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
    return streamFrom(
        send("GET", QStringLiteral("/api/v1/streams/") + id.toString(QUuid::WithoutBraces)));
}

QFuture<Stream> ApiClient::endStream(const QUuid &id)
{
    return streamFrom(
        send("DELETE", QStringLiteral("/api/v1/streams/") + id.toString(QUuid::WithoutBraces)));
}

QFuture<Stream> ApiClient::streamFrom(QFuture<QJsonObject> answer)
{
    return answer.then([](const QJsonObject &object) {
        auto stream = streamFromJson(object);
        if (!stream)
            throw ApiError(0, QStringLiteral("bad_response"),
                           QStringLiteral("the server's answer is not a stream"));
        return *stream;
    });
}

QFuture<QList<Stream>> ApiClient::streams(const QString &status, int limit)
{
    return send("GET", QStringLiteral("/api/v1/streams?status=%1&limit=%2").arg(status).arg(limit))
        .then([](const QJsonObject &object) {
            QList<Stream> streams;
            for (const QJsonValue &item : object.value(u"streams").toArray()) {
                if (auto stream = streamFromJson(item.toObject()))
                    streams.append(*stream);
            }
            return streams;
        });
}

QFuture<void> ApiClient::checkHealth()
{
    return send("GET", QStringLiteral("/healthz")).then([](const QJsonObject &) {});
}

QFuture<QList<StreamSample>> ApiClient::history(const QUuid &id, const QDateTime &from,
                                                const QDateTime &to, std::chrono::seconds step)
{
    const QString path = QStringLiteral("/api/v1/streams/%1/metrics?from=%2&to=%3&step=%4")
                             .arg(id.toString(QUuid::WithoutBraces))
                             .arg(from.toSecsSinceEpoch())
                             .arg(to.toSecsSinceEpoch())
                             .arg(step.count());
    return send("GET", path).then([](const QJsonObject &object) {
        QList<StreamSample> samples;
        for (const QJsonValue &item : object.value(u"points").toArray()) {
            const QJsonObject point = item.toObject();
            StreamSample sample;
            sample.time = fromRfc3339(point.value(u"time").toString());
            if (!sample.time.isValid())
                continue;
            sample.viewers = point.value(u"viewers").toInt();
            sample.bitrateKbps = point.value(u"bitrate_kbps").toDouble();
            sample.fps = point.value(u"fps").toDouble();
            samples.append(sample);
        }
        return samples;
    });
}

QFuture<QJsonObject> ApiClient::send(const QByteArray &verb, const QString &path,
                                     const QJsonObject &body)
{
    QUrl url = m_baseUrl;
    const qsizetype question = path.indexOf(u'?');
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));

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
