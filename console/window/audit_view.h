#pragma once

#include "console/accounts/account_tables.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace nova {

class AccountsFeed;

// The audit trail, newest first: who ended which stream, issued or revoked which token, when and
// from where; older pages on request.
class AuditView : public QWidget
{
    Q_OBJECT

public:
    explicit AuditView(AccountsFeed &feed, QWidget *parent = nullptr);

    AuditTableModel *entries() const { return m_entries; }

private:
    AccountsFeed &m_feed;
    AuditTableModel *m_entries;
    QPushButton *m_older;
    QLabel *m_message;
};

} // namespace nova
