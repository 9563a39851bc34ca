#pragma once

#include "shared/account.h"

#include <QJsonObject>

#include <optional>

namespace nova {

// The API's JSON for accounts and tokens, written by the server and read by the desktop apps.
QJsonObject toJson(const Account &account);
QJsonObject toJson(const TokenInfo &token);
std::optional<Account> accountFromJson(const QJsonObject &object);
std::optional<TokenInfo> tokenFromJson(const QJsonObject &object);

} // namespace nova
