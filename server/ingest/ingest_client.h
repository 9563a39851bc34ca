#pragma once

#include "server/ingest/nginx_stat.h"

#include <QFuture>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QUuid>

namespace nova {

// nginx-rtmp's HTTP side: /stat (what is live) and /control (dropping a publisher). Asynchronous,
// with a deadline on every call; failures are ApiError 503 ("the ingest server ...").
class IngestClient : public QObject
{
    Q_OBJECT

public:
    // `nginxUrl`: where /stat and /control are served; `application`: the ingest application.
    IngestClient(QUrl nginxUrl, QString application, QObject *parent = nullptr);

    const QString &application() const { return m_application; }

    QFuture<NginxStat> stat();
    // Disconnects the publisher of stream `id`; the future holds how many were dropped.
    QFuture<int> dropPublisher(const QUuid &id);

private:
    QFuture<QByteArray> get(const QString &path, const QList<QPair<QString, QString>> &query);

    QNetworkAccessManager m_network;
    QUrl m_nginxUrl;
    QString m_application;
};

} // namespace nova
