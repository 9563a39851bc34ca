#include "server/accounts/account_service.h"

#include "server/auth/access_token.h"
#include "server/auth/caller.h"
#include "server/auth/token_registry.h"
#include "server/store/account_store.h"
#include "server/store/database.h"
#include "shared/api_error.h"
#include "shared/json_values.h"

#include <QRegularExpression>

namespace nova {

namespace {
ApiError noSuchAccount(const QUuid &id)
{
    return ApiError::notFound(QStringLiteral("no account with id %1").arg(idText(id)));
}

ApiError notYours()
{
    return ApiError::forbidden(
        QStringLiteral("only an operator or the account itself may do this"));
}
} // namespace

AccountService::AccountService(Database &database, TokenRegistry &tokens, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_tokens(tokens)
{}

bool AccountService::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,62}$"));
    return pattern.match(name).hasMatch();
}

QFuture<Account> AccountService::createAccount(const QString &name, Role role, const Caller &caller)
{
    if (!isValidName(name))
        return QtFuture::makeExceptionalFuture<Account>(
            std::make_exception_ptr(ApiError::badRequest(
                QStringLiteral("'name' must be 1 to 63 characters of a-z, 0-9, '.', '_' and '-', "
                               "starting with a letter or a digit"),
                QStringLiteral("invalid_name"))));
    return m_database.transact([name, role, actor = caller.auditActor()](pqxx::work &tx) {
        const auto account = AccountStore(tx).insertAccount(QUuid::createUuid(), name, role);
        if (!account)
            throw ApiError::conflict(QStringLiteral("an account named '%1' exists").arg(name),
                                     QStringLiteral("name_taken"));
        AuditStore(tx).record(actor, QStringLiteral("account.created"),
                              QStringLiteral("account:") + idText(account->id));
        return *account;
    });
}

QFuture<QList<Account>> AccountService::accounts()
{
    return m_database.transact([](pqxx::work &tx) { return AccountStore(tx).accounts(); });
}

QFuture<IssuedToken> AccountService::issueToken(const QUuid &account, const QString &label,
                                                const Caller &caller)
{
    if (!caller.mayActFor(account))
        return QtFuture::makeExceptionalFuture<IssuedToken>(std::make_exception_ptr(notYours()));
    const AccessToken token = AccessToken::generate();
    return m_database.transact(
        [account, label, token, actor = caller.auditActor()](pqxx::work &tx) {
            AccountStore store(tx);
            if (!store.account(account))
                throw noSuchAccount(account);
            const TokenInfo info = store.insertToken(QUuid::createUuid(), account, label,
                                                     token.selector(), token.verifierHash());
            AuditStore(tx).record(actor, QStringLiteral("token.created"),
                                  QStringLiteral("token:") + idText(info.id));
            return IssuedToken{info, token.text()};
        });
}

QFuture<QList<TokenInfo>> AccountService::tokens(const QUuid &account, const Caller &caller)
{
    if (!caller.mayActFor(account))
        return QtFuture::makeExceptionalFuture<QList<TokenInfo>>(
            std::make_exception_ptr(notYours()));
    return m_database.transact([account](pqxx::work &tx) {
        AccountStore store(tx);
        if (!store.account(account))
            throw noSuchAccount(account);
        return store.tokens(account);
    });
}

QFuture<TokenInfo> AccountService::revokeToken(const QUuid &token, const Caller &caller)
{
    return m_database
        .transact([token, caller](pqxx::work &tx) {
            AccountStore store(tx);
            const auto before = store.token(token);
            if (!before)
                throw ApiError::notFound(QStringLiteral("no token with id %1").arg(idText(token)));
            if (!caller.mayActFor(before->account))
                throw notYours();
            const auto revoked = store.revokeToken(token);
            if (!revoked)
                return *store.token(token); // revoked already: nothing to audit
            AuditStore(tx).record(caller.auditActor(), QStringLiteral("token.revoked"),
                                  QStringLiteral("token:") + idText(token));
            return *revoked;
        })
        .then(this, [this](const TokenInfo &info) {
            // Refused here at once; the other replicas hear it by NOTIFY.
            m_tokens.markRevoked(info.id);
            return info;
        });
}

QFuture<AuditPage> AccountService::audit(int limit, std::optional<qint64> before)
{
    return m_database.transact(
        [limit, before](pqxx::work &tx) { return AuditStore(tx).page(limit, before); });
}

} // namespace nova
