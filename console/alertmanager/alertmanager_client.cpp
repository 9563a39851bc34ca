#include "console/alertmanager/alertmanager_client.h"

#include "console/alertmanager/alertmanager_json.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QPromise>

#include <memory>

namespace nova {

AlertmanagerClient::AlertmanagerClient(QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
{}

QFuture<QList<ManagedAlert>> AlertmanagerClient::alerts()
{
    return call("GET", QStringLiteral("/api/v2/alerts")).then([](const QByteArray &body) {
        auto alerts = AlertmanagerJson::parseAlerts(body);
        if (!alerts)
            throw AlertmanagerError(QStringLiteral("Alertmanager's alerts are not the API's list"));
        return *alerts;
    });
}

QFuture<QList<Silence>> AlertmanagerClient::silences()
{
    return call("GET", QStringLiteral("/api/v2/silences")).then([](const QByteArray &body) {
        auto silences = AlertmanagerJson::parseSilences(body);
        if (!silences)
            throw AlertmanagerError(
                QStringLiteral("Alertmanager's silences are not the API's list"));
        return *silences;
    });
}

QFuture<QString> AlertmanagerClient::createSilence(const SilenceRequest &request)
{
    const QByteArray body =
        QJsonDocument(AlertmanagerJson::toJson(request, QDateTime::currentDateTimeUtc()))
            .toJson(QJsonDocument::Compact);
    return call("POST", QStringLiteral("/api/v2/silences"), body)
        .then([](const QByteArray &answer) {
            auto id = AlertmanagerJson::parseSilenceId(answer);
            if (!id)
                throw AlertmanagerError(
                    QStringLiteral("Alertmanager did not say the silence's id"));
            return *id;
        });
}

QFuture<void> AlertmanagerClient::expireSilence(const QString &id)
{
    return call("DELETE", QStringLiteral("/api/v2/silence/") +
                              QString::fromLatin1(QUrl::toPercentEncoding(id)))
        .then([](const QByteArray &) {});
}

QFuture<QByteArray> AlertmanagerClient::call(const QByteArray &verb, const QString &path,
                                             const QByteArray &body)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + path);
    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_timeout.count()));
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));

    auto promise = std::make_shared<QPromise<QByteArray>>();
    promise->start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, promise] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status >= 200 && status < 300) {
            promise->addResult(answer);
        } else {
            const QString why = status == 0
                                    ? QStringLiteral("cannot reach Alertmanager at %1: %2")
                                          .arg(m_baseUrl.toString(), reply->errorString())
                                    : QStringLiteral("Alertmanager answered HTTP %1: %2")
                                          .arg(status)
                                          .arg(QString::fromUtf8(answer.left(200)).trimmed());
            promise->setException(std::make_exception_ptr(AlertmanagerError(why)));
        }
        promise->finish();
    });
    return promise->future();
}

} // namespace nova
