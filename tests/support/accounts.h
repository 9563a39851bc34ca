#pragma once

#include "tests/support/http_call.h"

#include <QJsonObject>
#include <QString>

namespace nova::test {

// A person with an account and one token, as an operator sets them up.
struct Person
{
    QString accountId;
    QString name;
    QString tokenId;
    QString token;
};

// A name no other test run has used.
QString uniqueName(const QString &prefix);
// One API call on replica `replica` with bearer `token` (none when empty); `path` may hold a query.
HttpResult callAs(const QString &token, const QByteArray &method, const QString &path,
                  const QJsonObject &body = {}, int replica = 1);
// The stack's bootstrap operator token.
QString adminToken();
// An operator creates an account of `role` and issues it a token labelled "laptop"; warns (and
// leaves fields empty) on failure.
Person makeAccount(const QString &role);

} // namespace nova::test
