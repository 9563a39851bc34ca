#include "server/ingest/ingest_client.h"

#include "shared/api_error.h"

#include <QNetworkReply>
#include <QPromise>
#include <QUrlQuery>

namespace nova {

namespace {
constexpr int kTimeoutMs = 2000;
}

IngestClient::IngestClient(QUrl nginxUrl, QString application, QObject *parent)
    : QObject(parent)
    , m_nginxUrl(std::move(nginxUrl))
    , m_application(std::move(application))
{}

QFuture<QByteArray> IngestClient::get(const QString &path,
                                      const QList<QPair<QString, QString>> &query)
{
    QUrl url = m_nginxUrl;
    url.setPath(path);
    QUrlQuery items;
    items.setQueryItems(query);
    url.setQuery(items);
    QNetworkRequest request(url);
    request.setTransferTimeout(kTimeoutMs);

    auto promise = std::make_shared<QPromise<QByteArray>>();
    promise->start();
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, promise, path] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            promise->setException(std::make_exception_ptr(
                ApiError::unavailable(QStringLiteral("the ingest server did not answer %1: %2")
                                          .arg(path, status ? QStringLiteral("HTTP %1").arg(status)
                                                            : reply->errorString()))));
        } else {
            promise->addResult(reply->readAll());
        }
        promise->finish();
    });
    return promise->future();
}

QFuture<NginxStat> IngestClient::stat()
{
    return get(QStringLiteral("/stat"), {}).then([](const QByteArray &xml) {
        auto stat = NginxStat::parse(xml);
        if (!stat)
            throw ApiError::unavailable(
                QStringLiteral("the ingest server's /stat is not readable"));
        return *stat;
    });
}

QFuture<int> IngestClient::dropPublisher(const QUuid &id)
{
    return get(QStringLiteral("/control/drop/publisher"),
               {{QStringLiteral("app"), m_application},
                {QStringLiteral("name"), id.toString(QUuid::WithoutBraces)}})
        .then([](const QByteArray &body) { return body.trimmed().toInt(); });
}

} // namespace nova
