#include "server/store/account_store.h"

#include "server/store/pqxx_compat.h"
#include "server/store/stream_row.h"

namespace nova {

namespace {
const std::string &accountColumns()
{
    static const std::string columns = "id::text, name, role, " + epochMillis("created_at");
    return columns;
}

Account readAccount(const pqxx::row &row, int first = 0)
{
    return {uuidAt(row[first]), QString::fromUtf8(row[first + 1].c_str()),
            parseRole(QString::fromLatin1(row[first + 2].c_str())).value_or(Role::Streamer),
            timeAt(row[first + 3])};
}

std::string tokenColumns(const std::string &alias = "t")
{
    const std::string a = alias + '.';
    return a + "id::text, " + a + "account_id::text, " + a + "label, " +
           epochMillis(a + "created_at") + ", " + epochMillis(a + "last_used_at") + ", " +
           epochMillis(a + "revoked_at");
}

TokenInfo readToken(const pqxx::row &row, int first = 0)
{
    return {
        uuidAt(row[first]),     uuidAt(row[first + 1]), QString::fromUtf8(row[first + 2].c_str()),
        timeAt(row[first + 3]), timeAt(row[first + 4]), timeAt(row[first + 5])};
}

} // namespace

AccountStore::AccountStore(pqxx::transaction_base &transaction)
    : m_tx(transaction)
{}

std::optional<Account> AccountStore::insertAccount(const QUuid &id, const QString &name, Role role)
{
    const auto rows = db::exec(m_tx,
                               "INSERT INTO accounts (id, name, role) VALUES ($1, $2, $3)"
                               " ON CONFLICT (name) DO NOTHING RETURNING " +
                                   accountColumns(),
                               uuidParam(id), name.toStdString(), toString(role).toStdString());
    if (rows.empty())
        return std::nullopt;
    return readAccount(rows[0]);
}

QList<Account> AccountStore::accounts()
{
    QList<Account> out;
    for (const auto &row : m_tx.exec("SELECT " + accountColumns() + " FROM accounts ORDER BY name"))
        out.append(readAccount(row));
    return out;
}

std::optional<Account> AccountStore::account(const QUuid &id)
{
    const auto rows = db::exec(m_tx, "SELECT " + accountColumns() + " FROM accounts WHERE id = $1",
                               uuidParam(id));
    if (rows.empty())
        return std::nullopt;
    return readAccount(rows[0]);
}

TokenInfo AccountStore::insertToken(const QUuid &id, const QUuid &account, const QString &label,
                                    const QString &selector, const QString &verifierHash)
{
    const auto row = db::exec1(m_tx,
                               "INSERT INTO account_tokens AS t (id, account_id, label, selector,"
                               " verifier_hash) VALUES ($1, $2, $3, $4, $5) RETURNING " +
                                   tokenColumns(),
                               uuidParam(id), uuidParam(account), label.toStdString(),
                               selector.toStdString(), verifierHash.toStdString());
    return readToken(row);
}

QList<TokenInfo> AccountStore::tokens(const QUuid &account)
{
    QList<TokenInfo> out;
    const auto rows = db::exec(m_tx,
                               "SELECT " + tokenColumns() +
                                   " FROM account_tokens t WHERE t.account_id = $1"
                                   " ORDER BY t.created_at DESC, t.id",
                               uuidParam(account));
    for (const auto &row : rows)
        out.append(readToken(row));
    return out;
}

std::optional<TokenInfo> AccountStore::token(const QUuid &id)
{
    const auto rows = db::exec(
        m_tx, "SELECT " + tokenColumns() + " FROM account_tokens t WHERE t.id = $1", uuidParam(id));
    if (rows.empty())
        return std::nullopt;
    return readToken(rows[0]);
}

std::optional<TokenInfo> AccountStore::revokeToken(const QUuid &id)
{
    // Only a first revocation writes (and notifies).
    const auto rows = db::exec(m_tx,
                               "UPDATE account_tokens t SET revoked_at = now()"
                               " WHERE t.id = $1 AND t.revoked_at IS NULL RETURNING " +
                                   tokenColumns(),
                               uuidParam(id));
    if (rows.empty())
        return std::nullopt;
    return readToken(rows[0]);
}

std::optional<TokenRecord> AccountStore::tokenBySelector(const QString &selector)
{
    const auto rows = db::exec(m_tx,
                               "SELECT " + tokenColumns() +
                                   ", t.selector, t.verifier_hash, a.id::text, a.name, a.role, " +
                                   epochMillis("a.created_at") +
                                   " FROM account_tokens t JOIN accounts a ON a.id = t.account_id"
                                   " WHERE t.selector = $1",
                               selector.toStdString());
    if (rows.empty())
        return std::nullopt;
    const auto &row = rows[0];
    return TokenRecord{readToken(row), QString::fromLatin1(row[6].c_str()),
                       QString::fromLatin1(row[7].c_str()), readAccount(row, 8)};
}

QStringList AccountStore::revokedAmong(const QStringList &selectors)
{
    QStringList out;
    const auto rows = db::exec(m_tx,
                               "SELECT selector FROM account_tokens"
                               " WHERE selector = ANY($1::text[]) AND revoked_at IS NOT NULL",
                               arrayLiteral(selectors));
    for (const auto &row : rows)
        out.append(QString::fromLatin1(row[0].c_str()));
    return out;
}

void AccountStore::markUsed(const QList<QUuid> &tokens)
{
    db::exec(m_tx, "UPDATE account_tokens SET last_used_at = now() WHERE id = ANY($1::uuid[])",
             arrayLiteral(tokens));
}

} // namespace nova
