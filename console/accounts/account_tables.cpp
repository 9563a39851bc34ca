#include "console/accounts/account_tables.h"

#include <QCoreApplication>

namespace nova {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AccountTables", text);
}

// Local time to the second, or a word for never.
QString when(const QDateTime &time, const QString &never = QStringLiteral("—"))
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : never;
}
} // namespace

AccountTableModel *makeAccountTable(QObject *parent)
{
    return new AccountTableModel(
        {{tr("Name"), [](const Account &a) { return QVariant(a.name); }},
         {tr("Role"), [](const Account &a) { return QVariant(toString(a.role)); }},
         {tr("Created"), [](const Account &a) { return QVariant(when(a.createdAt)); }}},
        parent);
}

TokenTableModel *makeTokenTable(QObject *parent)
{
    return new TokenTableModel(
        {{tr("Label"), [](const TokenInfo &t) { return QVariant(t.label); }},
         {tr("Created"), [](const TokenInfo &t) { return QVariant(when(t.createdAt)); }},
         {tr("Last used"),
          [](const TokenInfo &t) { return QVariant(when(t.lastUsedAt, tr("never"))); }},
         {tr("Revoked"),
          [](const TokenInfo &t) { return QVariant(when(t.revokedAt, tr("no (valid)"))); }}},
        parent);
}

AuditTableModel *makeAuditTable(QObject *parent)
{
    return new AuditTableModel(
        {{tr("When"), [](const AuditRecord &r) { return QVariant(when(r.at)); }},
         {tr("Who"), [](const AuditRecord &r) { return QVariant(r.accountName); }},
         {tr("Token"), [](const AuditRecord &r) { return QVariant(r.tokenLabel); }},
         {tr("Action"), [](const AuditRecord &r) { return QVariant(r.action); }},
         {tr("Target"), [](const AuditRecord &r) { return QVariant(r.target); }},
         {tr("From"), [](const AuditRecord &r) { return QVariant(r.address); }}},
        parent);
}

} // namespace nova
