#pragma once

#include "shared/account.h"

#include <pqxx/pqxx>

#include <optional>

namespace nova {

// Who made a change: the account, the token (null for the bootstrap token) and from where.
struct AuditActor
{
    QUuid account;
    QUuid token;
    QString address;
};

struct AuditPage
{
    QList<AuditRecord> entries;
    std::optional<qint64> next; // the id to read on from (older), if there is more
};

// The audit trail's SQL: a row written in the transaction of the change it records, read back
// newest first.
class AuditStore
{
public:
    explicit AuditStore(pqxx::transaction_base &transaction);

    void record(const AuditActor &actor, const QString &action, const QString &target);
    // Entries older than `before` (all when nullopt), newest first.
    AuditPage page(int limit, std::optional<qint64> before);

private:
    pqxx::transaction_base &m_tx;
};

} // namespace nova
