#include "shared/api_client.h"

#include "shared/account_json.h"
#include "shared/api_error.h"
#include "shared/publisher_details.h"
#include "shared/rfc3339.h"
#include "shared/stream_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPromise>

#include <memory>

namespace nova {

namespace {
ApiError badResponse(const char *what)
{
    return ApiError(0, QStringLiteral("bad_response"),
                    QStringLiteral("the server's answer is not %1").arg(QLatin1StringView(what)));
}
} // namespace

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
                throw badResponse("a created stream");
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

QFuture<PublisherDetails> ApiClient::publisher(const QUuid &id)
{
    return send("GET", QStringLiteral("/api/v1/streams/%1/publisher")
                           .arg(id.toString(QUuid::WithoutBraces)))
        .then([](const QJsonObject &object) {
            auto details = publisherDetailsFromJson(object);
            if (!details)
                throw badResponse("a publisher's details");
            return *details;
        });
}

QFuture<Stream> ApiClient::dropPublisher(const QUuid &id)
{
    return streamFrom(send(
        "DELETE",
        QStringLiteral("/api/v1/streams/%1/publisher").arg(id.toString(QUuid::WithoutBraces))));
}

QFuture<Stream> ApiClient::streamFrom(QFuture<QJsonObject> answer)
{
    return answer.then([](const QJsonObject &object) {
        auto stream = streamFromJson(object);
        if (!stream)
            throw badResponse("a stream");
        return *stream;
    });
}

QFuture<QList<Stream>> ApiClient::streams(const QString &status, int limit, bool onlyMine)
{
    return send("GET", QStringLiteral("/api/v1/streams?status=%1&limit=%2%3")
                           .arg(status)
                           .arg(limit)
                           .arg(onlyMine ? QStringLiteral("&owner=me") : QString()))
        .then([](const QJsonObject &object) {
            QList<Stream> streams;
            for (const QJsonValue &item : object.value(u"streams").toArray()) {
                if (auto stream = streamFromJson(item.toObject()))
                    streams.append(*stream);
            }
            return streams;
        });
}

QFuture<std::pair<QString, QUrl>> ApiClient::rotateStreamKey(const QUuid &id)
{
    return send("POST",
                QStringLiteral("/api/v1/streams/%1/key").arg(id.toString(QUuid::WithoutBraces)))
        .then([](const QJsonObject &object) {
            const QString key = object.value(u"stream_key").toString();
            const QUrl ingest(object.value(u"rtmp_url").toString());
            if (key.isEmpty() || !ingest.isValid())
                throw badResponse("a new stream key");
            return std::pair(key, ingest);
        });
}

QFuture<Identity> ApiClient::me()
{
    return send("GET", QStringLiteral("/api/v1/me")).then([](const QJsonObject &object) {
        const auto identity = identityFromJson(object);
        if (!identity)
            throw badResponse("an identity");
        return *identity;
    });
}

QFuture<QList<Account>> ApiClient::accounts()
{
    return send("GET", QStringLiteral("/api/v1/accounts")).then([](const QJsonObject &object) {
        QList<Account> accounts;
        for (const QJsonValue &item : object.value(u"accounts").toArray())
            if (auto account = accountFromJson(item.toObject()))
                accounts.append(*account);
        return accounts;
    });
}

QFuture<Account> ApiClient::createAccount(const QString &name, Role role)
{
    return send("POST", QStringLiteral("/api/v1/accounts"),
                {{QStringLiteral("name"), name}, {QStringLiteral("role"), toString(role)}})
        .then([](const QJsonObject &object) {
            const auto account = accountFromJson(object);
            if (!account)
                throw badResponse("an account");
            return *account;
        });
}

QFuture<QList<TokenInfo>> ApiClient::tokens(const QUuid &account)
{
    return send("GET", QStringLiteral("/api/v1/accounts/%1/tokens")
                           .arg(account.toString(QUuid::WithoutBraces)))
        .then([](const QJsonObject &object) {
            QList<TokenInfo> tokens;
            for (const QJsonValue &item : object.value(u"tokens").toArray())
                if (auto token = tokenFromJson(item.toObject()))
                    tokens.append(*token);
            return tokens;
        });
}

QFuture<std::pair<TokenInfo, QString>> ApiClient::issueToken(const QUuid &account,
                                                             const QString &label)
{
    return send("POST",
                QStringLiteral("/api/v1/accounts/%1/tokens")
                    .arg(account.toString(QUuid::WithoutBraces)),
                {{QStringLiteral("label"), label}})
        .then([](const QJsonObject &object) {
            const auto token = tokenFromJson(object);
            const QString secret = object.value(u"token").toString();
            if (!token || secret.isEmpty())
                throw badResponse("an issued token");
            return std::pair(*token, secret);
        });
}

QFuture<TokenInfo> ApiClient::revokeToken(const QUuid &token)
{
    return send("DELETE",
                QStringLiteral("/api/v1/tokens/%1").arg(token.toString(QUuid::WithoutBraces)))
        .then([](const QJsonObject &object) {
            const auto info = tokenFromJson(object);
            if (!info)
                throw badResponse("a token");
            return *info;
        });
}

QFuture<ApiClient::AuditPage> ApiClient::audit(int limit, const QString &cursor)
{
    QString path = QStringLiteral("/api/v1/audit?limit=%1").arg(limit);
    if (!cursor.isEmpty())
        path += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
    return send("GET", path).then([](const QJsonObject &object) {
        AuditPage page;
        for (const QJsonValue &item : object.value(u"entries").toArray())
            if (auto record = auditRecordFromJson(item.toObject()))
                page.entries.append(*record);
        page.nextCursor = object.value(u"next_cursor").toString();
        return page;
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
