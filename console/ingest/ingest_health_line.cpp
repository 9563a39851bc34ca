#include "console/ingest/ingest_health_line.h"

namespace nova {

namespace {
constexpr auto kUp = "#2e7d32";
constexpr auto kDown = "#c62828";
} // namespace

IngestHealthLine::IngestHealthLine(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("ingestHealth"));
    setTextFormat(Qt::RichText);
    setText(tr("Ingest nodes: waiting for Prometheus…"));
}

void IngestHealthLine::setNodes(const QList<IngestNodeHealth> &nodes)
{
    m_nodes = nodes;
    if (nodes.isEmpty()) {
        setText(tr("Ingest nodes: none reported yet"));
        setToolTip(tr("No replica has read an ingest node's /stat yet"));
        return;
    }
    QStringList parts;
    for (const IngestNodeHealth &node : nodes) {
        const QString state = node.up ? tr("%n stream(s)", nullptr, node.streams) : tr("down");
        parts.append(
            QStringLiteral("<span style=\"color:%1\">●</span> <b>%2</b> %3")
                .arg(QLatin1StringView(node.up ? kUp : kDown), node.node.toHtmlEscaped(), state));
    }
    setText(tr("Ingest nodes: ") + parts.join(QStringLiteral(" &nbsp; ")));
    setToolTip(tr("As the nova-server replicas read each node's /stat (Prometheus)"));
}

void IngestHealthLine::setUnavailable(const QString &reason)
{
    setText(tr("Ingest nodes: unknown (Prometheus: %1)").arg(reason.toHtmlEscaped()));
    setToolTip(reason);
}

} // namespace nova
