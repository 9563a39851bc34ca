#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

namespace nova::test {

// One HTTP exchange for tests, waiting on the reply's finished() signal (with a deadline).
struct HttpResult
{
    int status = 0; // 0: no HTTP answer (connection refused, timeout)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString error;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const;
    QString errorCode() const;
};

HttpResult httpCall(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    int timeoutMs = 10'000);

// The API as an operator calls it: with the stack's token.
HttpResult operatorCall(const QByteArray &method, const QString &path,
                        const QJsonObject &body = {});
HttpResult publicCall(const QByteArray &method, const QString &path);
// A stream's status as the public API gives it; empty (and a warning) when it does not answer 200.
QString statusOf(const QString &streamId);

// A hook call as nginx-rtmp makes it: a form POST to /hooks/rtmp/<hook> of the first API replica.
HttpResult hookCall(const QString &hook, const QList<QPair<QString, QString>> &fields);

// Replica `index` (1 is the first) of the stack's nova-server, on consecutive ports.
QUrl replicaUrl(int index);
// The API of one replica, as an operator calls it.
HttpResult operatorCallOn(int replica, const QByteArray &method, const QString &path);
// A stream's viewer count as one replica gives it (-1 when it does not answer).
int viewerCountOn(int replica, const QString &streamId);

// Creates a stream; fails the running test on anything but 201.
QJsonObject createStream(const QString &title);

} // namespace nova::test
