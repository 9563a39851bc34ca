#pragma once

#include "shared/account.h"

#include <QJsonObject>

#include <optional>

namespace nova {

// The API's JSON for accounts and tokens, written by the server and read by the desktop apps.
QJsonObject toJson(const Account &account);
QJsonObject toJson(const TokenInfo &token);
QJsonObject toJson(const Identity &identity);
QJsonObject toJson(const AuditRecord &record);
std::optional<Account> accountFromJson(const QJsonObject &object);
std::optional<TokenInfo> tokenFromJson(const QJsonObject &object);
std::optional<Identity> identityFromJson(const QJsonObject &object);
std::optional<AuditRecord> auditRecordFromJson(const QJsonObject &object);

} // namespace nova
