#pragma once

#include "shared/account.h"

#include <QObject>

namespace nova {

class ApiClient;

// The console's accounts, tokens and audit trail from the API: every call asynchronous, every
// outcome a signal (a failure says which action and why), no widget.
class AccountsFeed : public QObject
{
    Q_OBJECT

public:
    enum class Action
    {
        ListAccounts,
        ListTokens,
        ReadAudit,
        CreateAccount,
        IssueToken,
        RevokeToken
    };
    Q_ENUM(Action)
    // What the action is, for people ("issue the token").
    static QString describe(Action action);

    explicit AccountsFeed(ApiClient &api, QObject *parent = nullptr);

    void reloadAccounts();
    void reloadTokens(const QUuid &account);
    // The newest page of the audit; moreAudit() the next older one.
    void reloadAudit();
    void moreAudit();
    bool hasMoreAudit() const { return !m_auditCursor.isEmpty(); }

    void createAccount(const QString &name, Role role);
    void issueToken(const QUuid &account, const QString &label);
    void revokeToken(const QUuid &token);

signals:
    void accountsLoaded(const QList<nova::Account> &accounts);
    void tokensLoaded(const QUuid &account, const QList<nova::TokenInfo> &tokens);
    // `older`: a further page, to be appended.
    void auditLoaded(const QList<nova::AuditRecord> &entries, bool older);
    void accountCreated(const nova::Account &account);
    // The secret is here once: show it, never store it.
    void tokenIssued(const nova::TokenInfo &token, const QString &secret);
    void tokenRevoked(const nova::TokenInfo &token);
    void failed(nova::AccountsFeed::Action action, const QString &why);

private:
    void loadAudit(const QString &cursor);

    ApiClient &m_api;
    QString m_auditCursor;
};

} // namespace nova
