#include "console/window/accounts_view.h"

#include "console/accounts/accounts_feed.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace nova {

namespace {
QTableView *tableOf(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

QPushButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *made = new QPushButton(text, parent);
    made->setObjectName(name);
    return made;
}
} // namespace

AccountsView::AccountsView(AccountsFeed &feed, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
    , m_accounts(makeAccountTable(this))
    , m_tokens(makeTokenTable(this))
{
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("accountName"));
    m_name->setPlaceholderText(tr("name (a-z, 0-9, . _ -)"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("accountRole"));
    m_role->addItem(tr("streamer"), int(Role::Streamer));
    m_role->addItem(tr("operator"), int(Role::Operator));
    QPushButton *create = button(tr("Create account"), QStringLiteral("createAccount"), this);
    connect(create, &QPushButton::clicked, this, [this] {
        m_feed.createAccount(m_name->text().trimmed(), Role(m_role->currentData().toInt()));
    });
    auto *newAccount = new QHBoxLayout;
    newAccount->addWidget(m_name, 1);
    newAccount->addWidget(m_role);
    newAccount->addWidget(create);

    m_accountTable = tableOf(m_accounts, QStringLiteral("accountsTable"), this);
    connect(m_accountTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { select(current.row()); });

    m_tokensTitle = new QLabel(tr("Tokens: choose an account"), this);
    m_tokenTable = tableOf(m_tokens, QStringLiteral("tokensTable"), this);
    m_label = new QLineEdit(this);
    m_label->setObjectName(QStringLiteral("tokenLabel"));
    m_label->setPlaceholderText(tr("label, e.g. laptop"));
    m_issue = button(tr("Issue token"), QStringLiteral("issueToken"), this);
    m_revoke = button(tr("Revoke"), QStringLiteral("revokeToken"), this);
    connect(m_issue, &QPushButton::clicked, this, [this] {
        if (!selectedAccount().isNull())
            m_feed.issueToken(selectedAccount(), m_label->text().trimmed());
    });
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        if (const TokenInfo *token = m_tokens->at(m_tokenTable->currentIndex().row()))
            m_feed.revokeToken(token->id);
    });
    auto *tokenActions = new QHBoxLayout;
    tokenActions->addWidget(m_label, 1);
    tokenActions->addWidget(m_issue);
    tokenActions->addWidget(m_revoke);

    // The secret, this once: selectable and copyable, never kept.
    m_issuedBox = new QWidget(this);
    m_issued = new QLineEdit(m_issuedBox);
    m_issued->setObjectName(QStringLiteral("issuedToken"));
    m_issued->setReadOnly(true);
    QPushButton *copy = button(tr("Copy"), QStringLiteral("copyToken"), m_issuedBox);
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_issued->text()); });
    auto *issued = new QHBoxLayout(m_issuedBox);
    issued->setContentsMargins(0, 0, 0, 0);
    issued->addWidget(new QLabel(tr("New token, shown once:"), m_issuedBox));
    issued->addWidget(m_issued, 1);
    issued->addWidget(copy);
    m_issuedBox->hide();

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("accountsMessage"));
    m_message->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(newAccount);
    layout->addWidget(m_accountTable, 1);
    layout->addWidget(m_tokensTitle);
    layout->addWidget(m_tokenTable, 1);
    layout->addLayout(tokenActions);
    layout->addWidget(m_issuedBox);
    layout->addWidget(m_message);

    connect(&m_feed, &AccountsFeed::accountsLoaded, this, [this](const QList<Account> &accounts) {
        const QUuid selected = selectedAccount();
        m_accounts->setRecords(accounts);
        for (int row = 0; row < m_accounts->rowCount(); ++row)
            if (m_accounts->at(row)->id == selected)
                m_accountTable->selectRow(row);
    });
    connect(&m_feed, &AccountsFeed::tokensLoaded, this,
            [this](const QUuid &account, const QList<TokenInfo> &tokens) {
                if (account == selectedAccount())
                    m_tokens->setRecords(tokens);
            });
    connect(&m_feed, &AccountsFeed::accountCreated, this, [this](const Account &account) {
        m_name->clear();
        m_message->setText(tr("Account %1 (%2) created; select it to issue a token.")
                               .arg(account.name, toString(account.role)));
    });
    connect(&m_feed, &AccountsFeed::tokenIssued, this, &AccountsView::showIssued);
    connect(&m_feed, &AccountsFeed::tokenRevoked, this, [this](const TokenInfo &token) {
        m_issuedBox->hide(); // a secret shown is no use once its token is revoked
        m_issued->clear();
        m_message->setText(tr("Token %1 revoked: every server refuses it now.").arg(token.label));
    });
    connect(&m_feed, &AccountsFeed::failed, this, &AccountsView::showProblem);
    select(-1);
}

QUuid AccountsView::selectedAccount() const
{
    const Account *account = m_accounts->at(m_accountTable->currentIndex().row());
    return account ? account->id : QUuid();
}

void AccountsView::select(int row)
{
    const Account *account = m_accounts->at(row);
    m_issue->setEnabled(account != nullptr);
    m_revoke->setEnabled(account != nullptr);
    m_tokens->setRecords({});
    m_issuedBox->hide();
    m_issued->clear();
    if (!account) {
        m_tokensTitle->setText(tr("Tokens: choose an account"));
        return;
    }
    m_tokensTitle->setText(tr("Tokens of %1").arg(account->name));
    m_feed.reloadTokens(account->id);
}

void AccountsView::showIssued(const TokenInfo &token, const QString &secret)
{
    m_label->clear();
    m_issued->setText(secret);
    m_issuedBox->show();
    m_message->setText(tr("Token %1 issued. Copy it now: it is not shown again.").arg(token.label));
}

void AccountsView::showProblem(AccountsFeed::Action action, const QString &why)
{
    if (action != AccountsFeed::Action::ReadAudit)
        m_message->setText(tr("Could not %1: %2").arg(AccountsFeed::describe(action), why));
}

} // namespace nova
