#pragma once

#include "server/auth/access_token.h"
#include "server/auth/caller.h"

#include <QByteArray>
#include <QFuture>

#include <optional>
#include <variant>

namespace nova {

class HttpRequest;
class TokenRegistry;

// Reads "Authorization: Bearer <token>" and says who sent the request: the bootstrap operator
// for NOVA_ADMIN_TOKEN (compared in constant time), else the account of a personal token.
class Authenticator
{
public:
    Authenticator(QByteArray bootstrapToken, TokenRegistry &tokens);

    // 401 without a token, or with a malformed, wrong or revoked one.
    QFuture<Caller> identify(const HttpRequest &request) const;
    // The same, and 403 unless the caller is an operator.
    QFuture<Caller> requireOperator(const HttpRequest &request) const;
    // From memory only, for checks that cannot wait (WebSocket upgrades): nullopt when the
    // request has no Authorization header; throws 401 for a token not known to be good.
    std::optional<Caller> identifyNow(const HttpRequest &request) const;

private:
    // The presented token, or a 401 for a missing or malformed header.
    QByteArray presented(const HttpRequest &request) const;
    // What the token is: the bootstrap operator, or a personal token still to be resolved; 401
    // for anything else.
    using Credential = std::variant<Caller, AccessToken>;
    Credential credentialOf(const HttpRequest &request) const;

    QByteArray m_bootstrapToken;
    TokenRegistry &m_tokens;
};

} // namespace nova
