#include "tests/support/accounts.h"

#include "tests/support/stack_env.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace nova::test {

QString uniqueName(const QString &prefix)
{
    return prefix + QStringLiteral("-") +
           QString::number(QRandomGenerator::global()->generate64(), 36);
}

HttpResult callAs(const QString &token, const QByteArray &method, const QString &path,
                  const QJsonObject &body, int replica)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!token.isEmpty())
        headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + token.toUtf8()));
    QByteArray bytes;
    if (!body.isEmpty()) {
        bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    }
    QUrl url = replicaUrl(replica);
    const qsizetype query = path.indexOf(u'?');
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return httpCall(method, url, bytes, headers);
}

QString adminToken()
{
    return StackEnv::get().adminToken;
}

Person makeAccount(const QString &role)
{
    Person person;
    person.name = uniqueName(role);
    const HttpResult account =
        callAs(adminToken(), "POST", "/api/v1/accounts", {{"name", person.name}, {"role", role}});
    if (account.status != 201)
        qWarning() << "creating an account:" << account.status << account.body;
    person.accountId = account.json().value(u"id").toString();
    const HttpResult token =
        callAs(adminToken(), "POST", "/api/v1/accounts/" + person.accountId + "/tokens",
               {{"label", "laptop"}});
    if (token.status != 201)
        qWarning() << "issuing a token:" << token.status << token.body;
    person.tokenId = token.json().value(u"id").toString();
    person.token = token.json().value(u"token").toString();
    return person;
}

} // namespace nova::test
