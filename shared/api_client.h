#pragma once

#include "shared/account.h"
#include "shared/publisher_details.h"
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
    // GET /streams?status=...: the first page, newest first; `onlyMine`: the token's own.
    QFuture<QList<Stream>> streams(const QString &status, int limit = 100, bool onlyMine = false);
    // DELETE /streams/{id} (an operator or the owner): the stream as it is once ended.
    QFuture<Stream> endStream(const QUuid &id);
    // GET /streams/{id}/publisher (an operator or the owner): what the live publisher sends; an
    // ApiError 404 no_publisher when the stream has none.
    QFuture<PublisherDetails> publisher(const QUuid &id);
    // DELETE /streams/{id}/publisher (an operator): the stream as it is, RECONNECTING.
    QFuture<Stream> dropPublisher(const QUuid &id);
    // POST /streams/{id}/key: a new key and where to publish with it; the old key stops working.
    QFuture<std::pair<QString, QUrl>> rotateStreamKey(const QUuid &id);

    // GET /me: whom the token speaks for.
    QFuture<Identity> me();
    // Operators: GET and POST /accounts.
    QFuture<QList<Account>> accounts();
    QFuture<Account> createAccount(const QString &name, Role role);
    // An operator or the account itself: its tokens, and a new one (the secret, shown once).
    QFuture<QList<TokenInfo>> tokens(const QUuid &account);
    QFuture<std::pair<TokenInfo, QString>> issueToken(const QUuid &account, const QString &label);
    QFuture<TokenInfo> revokeToken(const QUuid &token);
    // Operators: GET /audit, newest first, from `cursor` (empty: the newest).
    struct AuditPage
    {
        QList<AuditRecord> entries;
        QString nextCursor; // empty on the last page
    };
    QFuture<AuditPage> audit(int limit = 100, const QString &cursor = {});
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
