#include "console/window/audit_view.h"

#include "console/accounts/accounts_feed.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace nova {

AuditView::AuditView(AccountsFeed &feed, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
    , m_entries(makeAuditTable(this))
{
    auto *table = new QTableView(this);
    table->setObjectName(QStringLiteral("auditTable"));
    table->setModel(m_entries);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);

    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setObjectName(QStringLiteral("refreshAudit"));
    m_older = new QPushButton(tr("Older"), this);
    m_older->setObjectName(QStringLiteral("olderAudit"));
    m_older->setEnabled(false);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("auditMessage"));
    connect(refresh, &QPushButton::clicked, &m_feed, &AccountsFeed::reloadAudit);
    connect(m_older, &QPushButton::clicked, &m_feed, &AccountsFeed::moreAudit);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(refresh);
    buttons->addWidget(m_older);
    buttons->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);

    connect(&m_feed, &AccountsFeed::auditLoaded, this,
            [this](const QList<AuditRecord> &entries, bool older) {
                if (older)
                    m_entries->append(entries);
                else
                    m_entries->setRecords(entries);
                m_older->setEnabled(m_feed.hasMoreAudit());
                m_message->setText(tr("%n change(s)", nullptr, int(m_entries->rowCount())));
            });
    connect(&m_feed, &AccountsFeed::failed, this,
            [this](AccountsFeed::Action action, const QString &why) {
                if (action == AccountsFeed::Action::ReadAudit)
                    m_message->setText(tr("Could not read the audit: %1").arg(why));
            });
}

} // namespace nova
