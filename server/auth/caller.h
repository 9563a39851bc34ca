#pragma once

#include "server/store/audit_store.h"
#include "shared/account.h"

namespace nova {

// Who sent a request: the account its token speaks for, which token, and from where.
struct Caller
{
    Account account;
    QUuid token; // null: the bootstrap token (NOVA_ADMIN_TOKEN)
    QString tokenLabel;
    QString address;

    bool isOperator() const { return account.role == Role::Operator; }
    bool isBootstrap() const { return token.isNull(); }
    // Operators act on everything, streamers on what they own.
    bool mayActFor(const QUuid &owner) const { return isOperator() || owner == account.id; }
    AuditActor auditActor() const { return {account.id, token, address}; }
};

} // namespace nova
