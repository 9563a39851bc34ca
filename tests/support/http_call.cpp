#include "tests/support/http_call.h"

#include "tests/support/stack_env.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

namespace nova::test {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpResult::errorCode() const
{
    return json().value(u"error").toObject().value(u"code").toString();
}

HttpResult httpCall(const QByteArray &method, const QUrl &url, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    static QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    loop.exec();

    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        if (result.status == 0)
            result.error = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

namespace {
QUrl apiUrl(const QString &path)
{
    QUrl url = StackEnv::get().apiUrl;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}
} // namespace

HttpResult operatorCall(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return httpCall(method, apiUrl(path),
                    body.isEmpty() ? QByteArray()
                                   : QJsonDocument(body).toJson(QJsonDocument::Compact),
                    {{"Authorization", "Bearer " + StackEnv::get().adminToken.toUtf8()}});
}

HttpResult publicCall(const QByteArray &method, const QString &path)
{
    return httpCall(method, apiUrl(path));
}

QString statusOf(const QString &streamId)
{
    const HttpResult result = publicCall("GET", "/api/v1/streams/" + streamId);
    if (result.status != 200)
        qWarning() << "GET stream:" << result.status << result.body;
    return result.json().value(u"status").toString();
}

HttpResult hookCall(const QString &hook, const QList<QPair<QString, QString>> &fields)
{
    QUrlQuery form;
    form.setQueryItems(fields);
    return httpCall("POST", apiUrl(QStringLiteral("/hooks/rtmp/") + hook),
                    form.toString(QUrl::FullyEncoded).toUtf8(),
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
}

QJsonObject createStream(const QString &title)
{
    const HttpResult result =
        operatorCall("POST", QStringLiteral("/api/v1/streams"), {{QStringLiteral("title"), title}});
    if (result.status != 201) {
        QTest::qFail(qPrintable(QStringLiteral("creating a stream answered %1 %2 %3")
                                    .arg(result.status)
                                    .arg(QString::fromUtf8(result.body), result.error)),
                     __FILE__, __LINE__);
        return {};
    }
    return result.json();
}

QUrl replicaUrl(int index)
{
    QUrl url = StackEnv::get().apiUrl;
    url.setPort(url.port() + index - 1);
    return url;
}

HttpResult operatorCallOn(int replica, const QByteArray &method, const QString &path)
{
    QUrl url = replicaUrl(replica);
    url.setPath(path);
    return httpCall(method, url, {},
                    {{"Authorization", "Bearer " + StackEnv::get().adminToken.toUtf8()}});
}

int viewerCountOn(int replica, const QString &streamId)
{
    QUrl url = replicaUrl(replica);
    url.setPath(QStringLiteral("/api/v1/streams/") + streamId);
    return httpCall("GET", url).json().value(u"viewer_count").toInt(-1);
}

} // namespace nova::test
