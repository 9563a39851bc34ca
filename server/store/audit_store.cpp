#include "server/store/audit_store.h"

#include "server/store/pqxx_compat.h"
#include "server/store/stream_row.h"

namespace nova {

namespace {
std::string idOrEmpty(const QUuid &id)
{
    return id.isNull() ? std::string() : uuidParam(id);
}
} // namespace

AuditStore::AuditStore(pqxx::transaction_base &transaction)
    : m_tx(transaction)
{}

void AuditStore::record(const AuditActor &actor, const QString &action, const QString &target)
{
    db::exec(m_tx,
             "INSERT INTO audit_log (actor_account, actor_token, action, target, address)"
             " VALUES ($1, NULLIF($2, '')::uuid, $3, $4, $5)",
             idOrEmpty(actor.account), idOrEmpty(actor.token), action.toStdString(),
             target.toStdString(), actor.address.toStdString());
}

AuditPage AuditStore::page(int limit, std::optional<qint64> before)
{
    const std::string query =
        "SELECT l.id, " + epochMillis("l.at") +
        ", l.actor_account::text, l.actor_token::text, l.address, l.action, l.target, a.name,"
        " coalesce(t.label, 'NOVA_ADMIN_TOKEN')"
        " FROM audit_log l JOIN accounts a ON a.id = l.actor_account"
        " LEFT JOIN account_tokens t ON t.id = l.actor_token"
        " WHERE l.id < $2 ORDER BY l.id DESC LIMIT $1";
    const auto rows =
        db::exec(m_tx, query, limit + 1,
                 static_cast<long long>(before.value_or(std::numeric_limits<long long>::max())));
    AuditPage page;
    const int count = std::min<int>(int(rows.size()), limit);
    for (int i = 0; i < count; ++i) {
        const auto &row = rows[i];
        AuditRecord record;
        record.id = row[0].as<long long>();
        record.at = timeAt(row[1]);
        record.account = uuidAt(row[2]);
        record.token = uuidAt(row[3]);
        record.address = QString::fromUtf8(row[4].c_str());
        record.action = QString::fromUtf8(row[5].c_str());
        record.target = QString::fromUtf8(row[6].c_str());
        record.accountName = QString::fromUtf8(row[7].c_str());
        record.tokenLabel = QString::fromUtf8(row[8].c_str());
        page.entries.append(record);
    }
    if (int(rows.size()) > limit)
        page.next = page.entries.last().id;
    return page;
}
} // namespace nova
