#include "shared/account_json.h"

#include "shared/json_values.h"
#include "shared/rfc3339.h"

namespace nova {

QJsonObject toJson(const Identity &identity)
{
    return {{QStringLiteral("account"),
             QJsonObject{{QStringLiteral("id"), idText(identity.account.id)},
                         {QStringLiteral("name"), identity.account.name},
                         {QStringLiteral("role"), toString(identity.account.role)}}},
            {QStringLiteral("token"), QJsonObject{{QStringLiteral("id"), idOrNull(identity.token)},
                                                  {QStringLiteral("label"), identity.tokenLabel}}}};
}

QJsonObject toJson(const AuditRecord &record)
{
    return {
        {QStringLiteral("at"), timestampOrNull(record.at)},
        {QStringLiteral("actor"), QJsonObject{{QStringLiteral("account"), idText(record.account)},
                                              {QStringLiteral("name"), record.accountName},
                                              {QStringLiteral("token"), idOrNull(record.token)},
                                              {QStringLiteral("token_label"), record.tokenLabel}}},
        {QStringLiteral("action"), record.action},
        {QStringLiteral("target"), record.target},
        {QStringLiteral("address"), record.address}};
}

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

std::optional<Identity> identityFromJson(const QJsonObject &object)
{
    const auto account = accountFromJson(object.value(u"account").toObject());
    if (!account)
        return std::nullopt;
    const QJsonObject token = object.value(u"token").toObject();
    return Identity{*account, QUuid::fromString(token.value(u"id").toString()),
                    token.value(u"label").toString()};
}

std::optional<AuditRecord> auditRecordFromJson(const QJsonObject &object)
{
    AuditRecord record;
    record.at = fromRfc3339(object.value(u"at").toString());
    const QJsonObject actor = object.value(u"actor").toObject();
    record.account = QUuid::fromString(actor.value(u"account").toString());
    record.action = object.value(u"action").toString();
    if (!record.at.isValid() || record.account.isNull() || record.action.isEmpty())
        return std::nullopt;
    record.accountName = actor.value(u"name").toString();
    record.token = QUuid::fromString(actor.value(u"token").toString());
    record.tokenLabel = actor.value(u"token_label").toString();
    record.target = object.value(u"target").toString();
    record.address = object.value(u"address").toString();
    return record;
}

} // namespace nova
