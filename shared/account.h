#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

#include <optional>

namespace nova {

// What an account may do: an operator everything, a streamer only to its own streams.
enum class Role
{
    Operator,
    Streamer
};

// "operator", "streamer": the API's and the database's spelling.
QString toString(Role role);
// Exact lower-case spelling only; nullopt for anything else.
std::optional<Role> parseRole(QStringView text);

// A person (or a program) with tokens of its own.
struct Account
{
    QUuid id;
    QString name;
    Role role = Role::Streamer;
    QDateTime createdAt; // UTC
};

// One of an account's tokens, as anyone may see it: never the secret.
struct TokenInfo
{
    QUuid id;
    QUuid account;
    QString label;
    QDateTime createdAt;
    QDateTime lastUsedAt; // null: never used (as far as the last write-back knows)
    QDateTime revokedAt;  // null: still valid
};

// Whom a token speaks for (GET /me).
struct Identity
{
    Account account;
    QUuid token; // null: the server's bootstrap token
    QString tokenLabel;
};

// One change made with a token, as the audit trail keeps it (GET /audit).
struct AuditRecord
{
    qint64 id = 0;
    QDateTime at; // UTC
    QUuid account;
    QString accountName;
    QUuid token; // null: the bootstrap token
    QString tokenLabel;
    QString action; // "stream.created", "token.revoked", ...
    QString target; // "stream:<id>", "account:<id>", "token:<id>"
    QString address;
};

// The account NOVA_ADMIN_TOKEN speaks for: created with the schema, never removed.
inline const QUuid kBootstrapAccountId = QUuid::fromString(u"00000000-0000-0000-0000-000000000001");

} // namespace nova
