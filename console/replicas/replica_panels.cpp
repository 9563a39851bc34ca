#include "console/replicas/replica_panels.h"

#include "console/format/display_format.h"

#include <QHBoxLayout>
#include <QLabel>

namespace nova {

namespace {
constexpr auto kHealthy = "#2e7d32";
constexpr auto kUnhealthy = "#c62828";

QString yesNo(const std::optional<bool> &answers)
{
    if (!answers)
        return QStringLiteral("?");
    return *answers ? QStringLiteral("✓") : QStringLiteral("✗");
}

QString describe(const ReplicaHealth &replica)
{
    const QString name = QStringLiteral("<b>%1</b>").arg(replica.instance.toHtmlEscaped());
    if (!replica.up)
        return ReplicaPanels::tr("%1<br>down: Prometheus cannot scrape it").arg(name);
    const auto orDash = [](bool known, const QString &text) {
        return known ? text : QStringLiteral("–");
    };
    const QString sockets =
        replica.connections ? ReplicaPanels::tr("%n WebSocket(s)", nullptr, *replica.connections)
                            : ReplicaPanels::tr("– WebSockets");
    return ReplicaPanels::tr("%1<br>CPU %2 · RSS %3<br>%4 · lag %5<br>"
                             "PostgreSQL %6 · Redis %7")
        .arg(name,
             orDash(bool(replica.cpuCores),
                    QStringLiteral("%1 %").arg(replica.cpuCores.value_or(0) * 100, 0, 'f', 1)),
             orDash(bool(replica.residentBytes),
                    QStringLiteral("%1 MiB").arg(
                        replica.residentBytes.value_or(0) / (1024.0 * 1024.0), 0, 'f', 0)),
             sockets,
             orDash(bool(replica.eventLoopLagSeconds),
                    DisplayFormat::milliseconds(replica.eventLoopLagSeconds.value_or(0) * 1000)),
             yesNo(replica.postgresql), yesNo(replica.redis));
}
} // namespace

ReplicaPanels::ReplicaPanels(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("replicaPanels"));
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_note = new QLabel(tr("Replicas: waiting for Prometheus…"), this);
    m_layout->addWidget(m_note);
    m_layout->addStretch(1);
}

void ReplicaPanels::clearPanels()
{
    qDeleteAll(m_panels);
    m_panels.clear();
}

void ReplicaPanels::setReplicas(const QList<ReplicaHealth> &replicas)
{
    m_replicas = replicas;
    clearPanels();
    m_note->setVisible(replicas.isEmpty());
    m_note->setText(tr("Replicas: none scraped yet"));
    for (const ReplicaHealth &replica : replicas) {
        auto *panel = new QLabel(describe(replica), this);
        panel->setObjectName(QStringLiteral("replica:") + replica.instance);
        panel->setTextFormat(Qt::RichText);
        const char *colour = replica.healthy() ? kHealthy : kUnhealthy;
        panel->setStyleSheet(QStringLiteral("QLabel { border: 2px solid %1; border-radius: 4px; "
                                            "padding: 3px; background: %2; }")
                                 .arg(QLatin1StringView(colour), replica.healthy()
                                                                     ? QStringLiteral("transparent")
                                                                     : QStringLiteral("#ffebee")));
        panel->setProperty("healthy", replica.healthy());
        panel->setToolTip(tr("As Prometheus last scraped it (job nova-server)"));
        m_layout->insertWidget(m_layout->count() - 1, panel);
        m_panels.append(panel);
    }
}

void ReplicaPanels::setUnavailable(const QString &reason)
{
    m_replicas.clear();
    clearPanels();
    m_note->setVisible(true);
    m_note->setText(tr("Replicas: unknown (Prometheus: %1)").arg(reason.toHtmlEscaped()));
}

QLabel *ReplicaPanels::panel(const QString &instance) const
{
    for (QLabel *panel : m_panels) {
        if (panel->objectName() == QStringLiteral("replica:") + instance)
            return panel;
    }
    return nullptr;
}

} // namespace nova
