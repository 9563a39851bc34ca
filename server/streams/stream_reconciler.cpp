#include "server/streams/stream_reconciler.h"

#include "server/streams/stream_service.h"

#include <QLoggingCategory>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcStreams)

namespace {
constexpr std::chrono::seconds kExpiryCheck{1};
} // namespace

StreamReconciler::StreamReconciler(StreamService &service, QString application,
                                   std::chrono::seconds orphanSilence,
                                   std::chrono::seconds reconnectGrace, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_application(std::move(application))
    , m_orphanSilence(orphanSilence)
    , m_reconnectGrace(reconnectGrace)
{
    m_expiry.setInterval(kExpiryCheck);
    connect(&m_expiry, &QTimer::timeout, this, &StreamReconciler::completeExpired);
}

void StreamReconciler::start()
{
    m_expiry.start();
}

void StreamReconciler::reconcile(const QString &node, const NginxStat &stat)
{
    QList<QUuid> live;
    for (const NginxStat::Stream &stream : stat.publishing(m_application)) {
        const QUuid id = QUuid::fromString(stream.name);
        if (!id.isNull())
            live.append(id);
    }
    // A freshly restarted nginx has lost its publishers; let them come back first.
    const std::optional<std::chrono::seconds> silence = stat.uptimeSeconds < m_orphanSilence.count()
                                                            ? std::nullopt
                                                            : std::optional(m_orphanSilence);
    interrupt(node, live, silence);
}

void StreamReconciler::nodeUnavailable(const QString &node)
{
    interrupt(node, {}, m_orphanSilence);
}

void StreamReconciler::interrupt(const QString &node, const QList<QUuid> &live,
                                 std::optional<std::chrono::seconds> silence)
{
    if (m_reconciling.contains(node))
        return;
    m_reconciling.insert(node);
    m_service.interruptOrphans(node, live, silence)
        .then(this, [this, node](QFuture<QList<Stream>> done) {
            m_reconciling.remove(node);
            try {
                done.waitForFinished();
            } catch (const std::exception &error) {
                qCWarning(lcStreams).noquote()
                    << "reconciling with ingest node" << node << "failed:" << error.what();
            }
        });
}

void StreamReconciler::completeExpired()
{
    if (m_expiring)
        return;
    m_expiring = true;
    m_service.completeExpired(m_reconnectGrace).then(this, [this](QFuture<QList<Stream>> done) {
        m_expiring = false;
        try {
            done.waitForFinished();
        } catch (const std::exception &) {
            // The database is away: the next second tries again, and readyz says why.
        }
    });
}

} // namespace nova
