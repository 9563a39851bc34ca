#include "server/ingest/ingest_monitor.h"

#include "server/ingest/ingest_client.h"

#include <QLoggingCategory>

namespace nova {

Q_LOGGING_CATEGORY(lcIngest, "nova.ingest")

IngestMonitor::IngestMonitor(IngestClient &client, std::chrono::milliseconds interval, QString node,
                             QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_node(std::move(node))
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &IngestMonitor::poll);
}

void IngestMonitor::start()
{
    m_timer.start();
    poll();
}

void IngestMonitor::poll()
{
    if (m_polling)
        return; // the previous reading is still on its way
    m_polling = true;
    m_client.stat().then(this, [this](QFuture<NginxStat> reading) {
        m_polling = false;
        try {
            const NginxStat stat = reading.result();
            if (m_reportedDown)
                qCInfo(lcIngest).noquote() << "ingest node" << m_node << "answers again";
            m_reportedDown = false;
            emit statRead(stat);
        } catch (const std::exception &error) {
            const QString reason = QString::fromUtf8(error.what());
            if (!m_reportedDown)
                qCWarning(lcIngest).noquote()
                    << QStringLiteral("ingest node %1: %2").arg(m_node, reason);
            m_reportedDown = true;
            emit statUnavailable(reason);
        }
    });
}

} // namespace nova
