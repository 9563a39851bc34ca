#pragma once

#include "shared/stream.h"

#include <QFuture>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <chrono>

namespace nova {

// Asynchronous client of nova-server's REST API for the desktop apps and the tests.
// Every call returns a future that holds the result or an ApiError (status 0 when the server
// could not be reached at all). Lives on, and answers in, the thread that created it.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    // `baseUrl` is the server root (e.g. http://127.0.0.1:8081); `token` may be empty for
    // public calls.
    ApiClient(QUrl baseUrl, QString token, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    const QUrl &baseUrl() const { return m_baseUrl; }

    QFuture<CreatedStream> createStream(const QString &title);
    QFuture<Stream> stream(const QUuid &id);
    // Answers once the server has (GET /healthz); an ApiError when it cannot be reached.
    QFuture<void> checkHealth();
    // GET /streams?status=...: the first page, newest first.
    QFuture<QList<Stream>> streams(const QString &status, int limit = 100);
    // DELETE /streams/{id} (operator token): the stream as it is once ended.
    QFuture<Stream> endStream(const QUuid &id);
    // GET /streams/{id}/metrics: the stream's sampled history.
    QFuture<QList<StreamSample>> history(const QUuid &id, const QDateTime &from,
                                         const QDateTime &to, std::chrono::seconds step);

private:
    QFuture<Stream> streamFrom(QFuture<QJsonObject> answer);
    QFuture<QJsonObject> send(const QByteArray &verb, const QString &path,
                              const QJsonObject &body = {});

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QByteArray m_authorization;
    std::chrono::milliseconds m_timeout{10'000};
};

} // namespace nova
