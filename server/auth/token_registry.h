#pragma once

#include "server/auth/access_token.h"
#include "server/auth/caller.h"
#include "server/store/account_store.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace nova {

class Database;

// Every replica's memory of the tokens it has seen, so that checking one never waits for
// PostgreSQL: new tokens and revocations arrive by NOTIFY (nova_token_changes) within
// milliseconds, and a token not seen yet is read once and then remembered. While notifications
// cannot be heard a revocation could be missed, so known tokens are then checked against the
// database again (and still accepted from memory when the database is away). last_used_at is
// written back in one statement every few seconds, not per request.
class TokenRegistry : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kLastUsedWriteBack{5};
    static constexpr std::chrono::seconds kRecheckRetry{1};

    explicit TokenRegistry(Database &database, QObject *parent = nullptr);

    // Whom `token` speaks for: 401 when it is wrong or revoked, 503 when it is not known here
    // and the database cannot be asked.
    QFuture<Caller> resolve(const AccessToken &token, const QString &address);
    // From memory only, for checks that cannot wait: nullopt when the token is not known here.
    // Throws 401 for a known token that is wrong or revoked.
    std::optional<Caller> resolveKnown(const AccessToken &token, const QString &address);

    // What nova_token_changes said; a payload that does not parse is ignored.
    void notified(const QByteArray &payload);
    // Notifications were (or were not) heard from now on; after a gap, known tokens are
    // checked again for revocations that went unheard.
    void setListening(bool listening);
    // A revocation made by this replica, refused here before the notification comes back.
    void markRevoked(const QUuid &token);
    int known() const { return int(m_known.size()); }

    // Writes the tokens used since the last write-back (the timer does this on its own too).
    void writeBackLastUsed();

private:
    Caller accept(const TokenRecord &record, const AccessToken &token, const QString &address);
    void remember(const TokenRecord &record);
    void recheckRevocations();

    Database &m_database;
    QHash<QString, TokenRecord> m_known; // by selector
    QSet<QUuid> m_used;
    bool m_listening = false; // notifications are heard
    bool m_trusted = false;   // ... and none was missed: memory alone answers
    QTimer m_writeBack;
    QTimer m_recheck;
};

} // namespace nova
