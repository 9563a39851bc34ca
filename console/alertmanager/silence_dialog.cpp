#include "console/alertmanager/silence_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace nova {

SilenceDialog::SilenceDialog(const ManagedAlert &alert, const QString &who, QWidget *parent)
    : QDialog(parent)
    , m_alert(alert)
{
    setWindowTitle(tr("Silence %1").arg(alert.name));
    auto *form = new QFormLayout(this);
    QStringList labels;
    for (auto it = alert.labels.begin(); it != alert.labels.end(); ++it)
        labels.append(QStringLiteral("%1=\"%2\"").arg(it.key(), it.value()));
    auto *matches = new QLabel(labels.join(u' '), this);
    matches->setWordWrap(true);
    form->addRow(tr("Mutes"), matches);
    m_duration = new QComboBox(this);
    m_duration->setObjectName(QStringLiteral("silenceDuration"));
    for (const auto &[text, seconds] : QList<std::pair<QString, int>>{{tr("15 minutes"), 900},
                                                                      {tr("1 hour"), 3600},
                                                                      {tr("4 hours"), 4 * 3600},
                                                                      {tr("1 day"), 24 * 3600}})
        m_duration->addItem(text, seconds);
    m_duration->setCurrentIndex(1);
    form->addRow(tr("For"), m_duration);
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("silenceComment"));
    m_comment->setPlaceholderText(tr("why: what you are doing about it"));
    form->addRow(tr("Comment"), m_comment);
    m_who = new QLineEdit(who, this);
    m_who->setObjectName(QStringLiteral("silenceCreatedBy"));
    form->addRow(tr("Who"), m_who);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Silence"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    // Alertmanager refuses a silence without a comment or an author: ask before sending.
    connect(m_comment, &QLineEdit::textChanged, this, &SilenceDialog::check);
    connect(m_who, &QLineEdit::textChanged, this, &SilenceDialog::check);
    check();
}

void SilenceDialog::check()
{
    m_ok->setEnabled(!m_comment->text().trimmed().isEmpty() && !m_who->text().trimmed().isEmpty());
}

SilenceRequest SilenceDialog::request() const
{
    SilenceRequest request;
    for (auto it = m_alert.labels.begin(); it != m_alert.labels.end(); ++it)
        request.matchers.append({it.key(), it.value(), true, false});
    request.durationSeconds = m_duration->currentData().toInt();
    request.comment = m_comment->text().trimmed();
    request.createdBy = m_who->text().trimmed();
    return request;
}

} // namespace nova
