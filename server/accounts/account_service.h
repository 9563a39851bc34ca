#pragma once

#include "server/store/audit_store.h"
#include "shared/account.h"

#include <QFuture>
#include <QObject>

namespace nova {

class Database;
class TokenRegistry;
struct Caller;

// A token as issued: what anyone may see, and the secret, shown this once.
struct IssuedToken
{
    TokenInfo info;
    QString secret;
};

// The rules of accounts and tokens: who may create and revoke what, and what is written to the
// audit trail with each change. Knows no HTTP; every change is one transaction with its audit row.
class AccountService : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxLabelLength = 100;

    AccountService(Database &database, TokenRegistry &tokens, QObject *parent = nullptr);

    // 400 for a name that is not 1-63 of a-z, 0-9, '.', '_', '-' (starting with a letter or
    // digit); 409 when it is taken. The caller must be an operator.
    QFuture<Account> createAccount(const QString &name, Role role, const Caller &caller);
    QFuture<QList<Account>> accounts();

    // An operator, or the account itself: 403 for anyone else, 404 for no such account.
    QFuture<IssuedToken> issueToken(const QUuid &account, const QString &label,
                                    const Caller &caller);
    QFuture<QList<TokenInfo>> tokens(const QUuid &account, const Caller &caller);
    // Revoking a revoked token changes nothing and is not an error.
    QFuture<TokenInfo> revokeToken(const QUuid &token, const Caller &caller);

    QFuture<AuditPage> audit(int limit, std::optional<qint64> before);

    static bool isValidName(const QString &name);

private:
    Database &m_database;
    TokenRegistry &m_tokens;
};

} // namespace nova
