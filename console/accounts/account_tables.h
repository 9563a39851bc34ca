#pragma once

#include "console/accounts/record_table_model.h"
#include "shared/account.h"

namespace nova {

using AccountTableModel = RecordTableModel<Account>;
using TokenTableModel = RecordTableModel<TokenInfo>;
using AuditTableModel = RecordTableModel<AuditRecord>;

// The columns the console shows of each: name, role, created; label, created, last used,
// revoked; when, who, which token, what, on what, from where.
AccountTableModel *makeAccountTable(QObject *parent);
TokenTableModel *makeTokenTable(QObject *parent);
AuditTableModel *makeAuditTable(QObject *parent);

} // namespace nova
