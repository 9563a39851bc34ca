#include "server/ingest/ingest_monitor.h"

#include "server/ingest/ingest_client.h"

#include <QLoggingCategory>

namespace nova {

Q_LOGGING_CATEGORY(lcIngest, "nova.ingest")

IngestMonitor::IngestMonitor(IngestClient &client, std::chrono::milliseconds interval,
                             QObject *parent)
    : QObject(parent)
    , m_client(client)
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
                qCInfo(lcIngest) << "the ingest server's /stat answers again";
            m_reportedDown = false;
            emit statRead(stat);
        } catch (const std::exception &error) {
            const QString reason = QString::fromUtf8(error.what());
            if (!m_reportedDown)
                qCWarning(lcIngest).noquote() << reason;
            m_reportedDown = true;
            emit statUnavailable(reason);
        }
    });
}

} // namespace nova
