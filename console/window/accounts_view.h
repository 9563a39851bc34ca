#pragma once

#include "console/accounts/account_tables.h"
#include "console/accounts/accounts_feed.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace nova {

// Accounts and their tokens, for operators: create a streamer or an operator, issue a token and
// show it once with a copy button, revoke one, see when each was last used. Draws what its feed
// hands it; asks the feed for everything.
class AccountsView : public QWidget
{
    Q_OBJECT

public:
    explicit AccountsView(AccountsFeed &feed, QWidget *parent = nullptr);

    AccountTableModel *accounts() const { return m_accounts; }
    TokenTableModel *tokens() const { return m_tokens; }
    // The account whose tokens are shown; null when none is selected.
    QUuid selectedAccount() const;

private:
    void select(int row);
    void showIssued(const TokenInfo &token, const QString &secret);
    void showProblem(AccountsFeed::Action action, const QString &why);

    AccountsFeed &m_feed;
    AccountTableModel *m_accounts;
    TokenTableModel *m_tokens;
    QTableView *m_accountTable;
    QTableView *m_tokenTable;
    QLineEdit *m_name;
    QComboBox *m_role;
    QLineEdit *m_label;
    QPushButton *m_issue;
    QPushButton *m_revoke;
    QWidget *m_issuedBox;
    QLineEdit *m_issued;
    QLabel *m_tokensTitle;
    QLabel *m_message;
};

} // namespace nova
