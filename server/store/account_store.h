#pragma once

#include "shared/account.h"

#include <pqxx/pqxx>

#include <optional>

namespace nova {

// A token with what only the server may see: where to find it and the hash to check it against.
struct TokenRecord
{
    TokenInfo info;
    QString selector;
    QString verifierHash;
    Account account; // whom it speaks for
};

// The SQL for accounts and their tokens, on a transaction the caller owns. Rules (who may create
// what) are AccountService's business.
class AccountStore
{
public:
    explicit AccountStore(pqxx::transaction_base &transaction);

    // nullopt when the name is taken.
    std::optional<Account> insertAccount(const QUuid &id, const QString &name, Role role);
    QList<Account> accounts();
    std::optional<Account> account(const QUuid &id);

    TokenInfo insertToken(const QUuid &id, const QUuid &account, const QString &label,
                          const QString &selector, const QString &verifierHash);
    QList<TokenInfo> tokens(const QUuid &account);
    std::optional<TokenInfo> token(const QUuid &id);
    // Sets revoked_at unless it is set already: the token revoked now, or nullopt when it was
    // revoked before (or does not exist).
    std::optional<TokenInfo> revokeToken(const QUuid &id);
    std::optional<TokenRecord> tokenBySelector(const QString &selector);
    // Which of `selectors` belong to revoked tokens.
    QStringList revokedAmong(const QStringList &selectors);
    void markUsed(const QList<QUuid> &tokens);

private:
    pqxx::transaction_base &m_tx;
};

} // namespace nova
