#include "server/streams/stream_reconciler.h"

#include "server/streams/stream_service.h"

#include <QLoggingCategory>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcStreams)

StreamReconciler::StreamReconciler(StreamService &service, QString application,
                                   std::chrono::seconds grace, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_application(std::move(application))
    , m_grace(grace)
{}

void StreamReconciler::reconcile(const NginxStat &stat)
{
    if (m_running)
        return;
    QList<QUuid> live;
    for (const NginxStat::Stream &stream : stat.publishing(m_application)) {
        const QUuid id = QUuid::fromString(stream.name);
        if (!id.isNull())
            live.append(id);
    }
    // A freshly restarted nginx has lost its publishers; let them come back first.
    const std::optional<std::chrono::seconds> grace =
        stat.uptimeSeconds < m_grace.count() ? std::nullopt : std::optional(m_grace);
    m_running = true;
    m_service.completeOrphans(live, grace).then(this, [this](QFuture<QList<Stream>> done) {
        m_running = false;
        try {
            done.waitForFinished();
        } catch (const std::exception &error) {
            qCWarning(lcStreams) << "reconciling with the ingest server failed:" << error.what();
        }
    });
}

} // namespace nova
