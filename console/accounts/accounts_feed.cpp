#include "console/accounts/accounts_feed.h"

#include "console/async/future_outcome.h"
#include "shared/api_client.h"

namespace nova {

namespace {
constexpr int kAuditPage = 100;
}

QString AccountsFeed::describe(Action action)
{
    switch (action) {
    case Action::ListAccounts:
        return tr("list the accounts");
    case Action::ListTokens:
        return tr("list the tokens");
    case Action::ReadAudit:
        return tr("read the audit");
    case Action::CreateAccount:
        return tr("create the account");
    case Action::IssueToken:
        return tr("issue the token");
    case Action::RevokeToken:
        return tr("revoke the token");
    }
    return {};
}

AccountsFeed::AccountsFeed(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void AccountsFeed::reloadAccounts()
{
    whenFinished(m_api.accounts(), this, [this](const QFuture<QList<Account>> &done) {
        QString problem;
        if (const auto accounts = resultOf(done, &problem))
            emit accountsLoaded(*accounts);
        else
            emit failed(Action::ListAccounts, problem);
    });
}

void AccountsFeed::reloadTokens(const QUuid &account)
{
    whenFinished(m_api.tokens(account), this,
                 [this, account](const QFuture<QList<TokenInfo>> &done) {
                     QString problem;
                     if (const auto tokens = resultOf(done, &problem))
                         emit tokensLoaded(account, *tokens);
                     else
                         emit failed(Action::ListTokens, problem);
                 });
}

void AccountsFeed::reloadAudit()
{
    loadAudit(QString());
}

void AccountsFeed::moreAudit()
{
    if (hasMoreAudit())
        loadAudit(m_auditCursor);
}

void AccountsFeed::loadAudit(const QString &cursor)
{
    whenFinished(m_api.audit(kAuditPage, cursor), this,
                 [this, older = !cursor.isEmpty()](const QFuture<ApiClient::AuditPage> &done) {
                     QString problem;
                     const auto page = resultOf(done, &problem);
                     if (!page) {
                         emit failed(Action::ReadAudit, problem);
                         return;
                     }
                     m_auditCursor = page->nextCursor;
                     emit auditLoaded(page->entries, older);
                 });
}

void AccountsFeed::createAccount(const QString &name, Role role)
{
    whenFinished(m_api.createAccount(name, role), this, [this](const QFuture<Account> &done) {
        QString problem;
        if (const auto account = resultOf(done, &problem)) {
            emit accountCreated(*account);
            reloadAccounts();
        } else {
            emit failed(Action::CreateAccount, problem);
        }
    });
}

void AccountsFeed::issueToken(const QUuid &account, const QString &label)
{
    whenFinished(m_api.issueToken(account, label), this,
                 [this, account](const QFuture<std::pair<TokenInfo, QString>> &done) {
                     QString problem;
                     if (const auto issued = resultOf(done, &problem)) {
                         emit tokenIssued(issued->first, issued->second);
                         reloadTokens(account);
                     } else {
                         emit failed(Action::IssueToken, problem);
                     }
                 });
}

void AccountsFeed::revokeToken(const QUuid &token)
{
    whenFinished(m_api.revokeToken(token), this, [this](const QFuture<TokenInfo> &done) {
        QString problem;
        if (const auto revoked = resultOf(done, &problem)) {
            emit tokenRevoked(*revoked);
            reloadTokens(revoked->account);
        } else {
            emit failed(Action::RevokeToken, problem);
        }
    });
}

} // namespace nova
