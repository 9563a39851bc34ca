#include "shared/account_json.h"

#include "shared/rfc3339.h"

namespace nova {

namespace {
QJsonValue timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toRfc3339(time)) : QJsonValue(QJsonValue::Null);
}

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}
} // namespace

QJsonObject toJson(const Account &account)
{
    return {{QStringLiteral("id"), idText(account.id)},
            {QStringLiteral("name"), account.name},
            {QStringLiteral("role"), toString(account.role)},
            {QStringLiteral("created_at"), timestampOrNull(account.createdAt)}};
}

QJsonObject toJson(const TokenInfo &token)
{
    return {{QStringLiteral("id"), idText(token.id)},
            {QStringLiteral("account"), idText(token.account)},
            {QStringLiteral("label"), token.label},
            {QStringLiteral("created_at"), timestampOrNull(token.createdAt)},
            {QStringLiteral("last_used_at"), timestampOrNull(token.lastUsedAt)},
            {QStringLiteral("revoked_at"), timestampOrNull(token.revokedAt)}};
}

std::optional<Account> accountFromJson(const QJsonObject &object)
{
    Account account;
    account.id = QUuid::fromString(object.value(u"id").toString());
    const auto role = parseRole(object.value(u"role").toString());
    account.name = object.value(u"name").toString();
    if (account.id.isNull() || !role || account.name.isEmpty())
        return std::nullopt;
    account.role = *role;
    account.createdAt = fromRfc3339(object.value(u"created_at").toString());
    return account;
}

std::optional<TokenInfo> tokenFromJson(const QJsonObject &object)
{
    TokenInfo token;
    token.id = QUuid::fromString(object.value(u"id").toString());
    if (token.id.isNull())
        return std::nullopt;
    token.account = QUuid::fromString(object.value(u"account").toString());
    token.label = object.value(u"label").toString();
    token.createdAt = fromRfc3339(object.value(u"created_at").toString());
    token.lastUsedAt = fromRfc3339(object.value(u"last_used_at").toString());
    token.revokedAt = fromRfc3339(object.value(u"revoked_at").toString());
    return token;
}

} // namespace nova
