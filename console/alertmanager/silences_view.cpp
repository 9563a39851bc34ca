#include "console/alertmanager/silences_view.h"

#include "console/alertmanager/silence_dialog.h"
#include "console/alertmanager/silences_feed.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace nova {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;

QString labelText(const QMap<QString, QString> &labels)
{
    QStringList parts;
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (it.key() != u"alertname")
            parts.append(QStringLiteral("%1=%2").arg(it.key(), it.value()));
    }
    return parts.join(QStringLiteral(", "));
}

QString matcherText(const QList<SilenceMatcher> &matchers)
{
    QStringList parts;
    for (const SilenceMatcher &m : matchers)
        parts.append(QStringLiteral("%1%2\"%3\"")
                         .arg(m.name,
                              m.isRegex ? (m.isEqual ? QStringLiteral("=~") : QStringLiteral("!~"))
                                        : (m.isEqual ? QStringLiteral("=") : QStringLiteral("!=")),
                              m.value));
    return parts.join(u' ');
}

QString stateText(Silence::State state)
{
    switch (state) {
    case Silence::State::Active:
        return SilencesView::tr("active");
    case Silence::State::Pending:
        return SilencesView::tr("pending");
    case Silence::State::Expired:
        return SilencesView::tr("expired");
    }
    return {};
}

QTreeWidget *makeList(const QStringList &headers, const char *name, QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(QLatin1StringView(name));
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list->header()->setStretchLastSection(true);
    return list;
}
} // namespace

SilencesView::SilencesView(SilencesFeed &feed, QString who, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
    , m_who(std::move(who))
{
    auto *layout = new QVBoxLayout(this);
    m_state = new QLabel(tr("Alertmanager: waiting for its first answer…"), this);
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    m_alertList =
        makeList({tr("State"), tr("Alert"), tr("Labels"), tr("Since")}, "managedAlerts", this);
    layout->addWidget(m_alertList, 1);
    auto *alertButtons = new QHBoxLayout;
    m_silence = new QPushButton(tr("Silence…"), this);
    m_silence->setObjectName(QStringLiteral("silenceAlert"));
    alertButtons->addWidget(m_silence);
    alertButtons->addStretch(1);
    layout->addLayout(alertButtons);
    layout->addWidget(new QLabel(tr("<b>Silences</b>"), this));
    m_silenceList = makeList({tr("State"), tr("Mutes"), tr("Until"), tr("By"), tr("Comment")},
                             "silences", this);
    layout->addWidget(m_silenceList, 1);
    auto *silenceButtons = new QHBoxLayout;
    m_expire = new QPushButton(tr("Expire"), this);
    m_expire->setObjectName(QStringLiteral("expireSilence"));
    silenceButtons->addWidget(m_expire);
    silenceButtons->addStretch(1);
    layout->addLayout(silenceButtons);

    connect(m_silence, &QPushButton::clicked, this, &SilencesView::silenceSelected);
    connect(m_expire, &QPushButton::clicked, this, &SilencesView::expireSelected);
    connect(m_alertList, &QTreeWidget::itemSelectionChanged, this, &SilencesView::updateButtons);
    connect(m_silenceList, &QTreeWidget::itemSelectionChanged, this, &SilencesView::updateButtons);
    connect(&m_feed, &SilencesFeed::read, this, &SilencesView::show);
    connect(&m_feed, &SilencesFeed::unavailable, this, [this](const QString &reason) {
        m_state->setText(tr("Alertmanager: unavailable (%1); showing its last answer")
                             .arg(reason.toHtmlEscaped()));
    });
    connect(&m_feed, &SilencesFeed::actionFailed, this, &SilencesView::actionFailed);
    updateButtons();
}

void SilencesView::show(const QList<ManagedAlert> &alerts, const QList<Silence> &silences)
{
    const QString selectedAlert = m_alertList->currentItem()
                                      ? m_alertList->currentItem()->data(0, kIdRole).toString()
                                      : QString();
    const QString selectedSilence = m_silenceList->currentItem()
                                        ? m_silenceList->currentItem()->data(0, kIdRole).toString()
                                        : QString();
    m_alerts = alerts;
    m_silences = silences;
    // Active first, then silenced; the longest-standing first within each.
    std::stable_sort(
        m_alerts.begin(), m_alerts.end(), [](const ManagedAlert &a, const ManagedAlert &b) {
            return std::pair(a.silenced(), a.startsAt) < std::pair(b.silenced(), b.startsAt);
        });
    // Active and pending silences first, the expired ones (kept for a while) after.
    std::stable_sort(m_silences.begin(), m_silences.end(), [](const Silence &a, const Silence &b) {
        return (a.state == Silence::State::Expired) < (b.state == Silence::State::Expired);
    });

    const int active = int(std::count_if(m_alerts.begin(), m_alerts.end(),
                                         [](const ManagedAlert &a) { return !a.silenced(); }));
    m_state->setText(tr("Alertmanager: %1 active, %2 silenced alert(s)")
                         .arg(active)
                         .arg(m_alerts.size() - active));
    m_alertList->clear();
    for (const ManagedAlert &alert : m_alerts) {
        auto *item = new QTreeWidgetItem(
            m_alertList,
            {alert.silenced() ? tr("silenced") : tr("firing"), alert.name, labelText(alert.labels),
             alert.startsAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))});
        item->setData(0, kIdRole, alert.fingerprint);
        item->setToolTip(1, alert.summary);
        if (alert.silenced()) {
            for (int column = 0; column < item->columnCount(); ++column)
                item->setForeground(column, QColor(0x9e, 0x9e, 0x9e));
        } else {
            item->setForeground(0, QColor(0xc6, 0x28, 0x28));
        }
        if (alert.fingerprint == selectedAlert)
            m_alertList->setCurrentItem(item);
    }
    m_silenceList->clear();
    for (const Silence &silence : m_silences) {
        auto *item = new QTreeWidgetItem(
            m_silenceList,
            {stateText(silence.state), matcherText(silence.matchers),
             silence.endsAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
             silence.createdBy, silence.comment});
        item->setData(0, kIdRole, silence.id);
        if (silence.id == selectedSilence)
            m_silenceList->setCurrentItem(item);
    }
    updateButtons();
}

void SilencesView::updateButtons()
{
    const QTreeWidgetItem *alert = m_alertList->currentItem();
    m_silence->setEnabled(alert && alert->text(0) == tr("firing"));
    const QTreeWidgetItem *silence = m_silenceList->currentItem();
    m_expire->setEnabled(silence && silence->text(0) != tr("expired"));
}

void SilencesView::silenceSelected()
{
    const QTreeWidgetItem *item = m_alertList->currentItem();
    if (!item)
        return;
    const QString fingerprint = item->data(0, kIdRole).toString();
    const auto alert = std::find_if(m_alerts.begin(), m_alerts.end(), [&](const ManagedAlert &a) {
        return a.fingerprint == fingerprint;
    });
    if (alert == m_alerts.end())
        return;
    SilenceDialog dialog(*alert, m_who, this);
    if (dialog.exec() == QDialog::Accepted)
        m_feed.create(dialog.request());
}

void SilencesView::expireSelected()
{
    if (const QTreeWidgetItem *item = m_silenceList->currentItem())
        m_feed.expire(item->data(0, kIdRole).toString());
}

} // namespace nova
