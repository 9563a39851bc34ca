#include "server/streams/stream_retention.h"

#include "server/streams/stream_service.h"

#include <QDir>
#include <QLoggingCategory>
#include <QUuid>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcStreams)

namespace {
// Often enough that nothing outlives its time by more than a quarter of it, at most a minute.
std::chrono::milliseconds sweepInterval(std::chrono::milliseconds shortest)
{
    return std::clamp<std::chrono::milliseconds>(shortest / 4, std::chrono::seconds(1),
                                                 std::chrono::minutes(1));
}
} // namespace

StreamRetention::StreamRetention(StreamService &streams, std::chrono::milliseconds pendingExpiry,
                                 QString hlsPath, std::chrono::milliseconds hlsRetention,
                                 QObject *parent)
    : QObject(parent)
    , m_streams(streams)
    , m_pendingExpiry(pendingExpiry)
    , m_hlsPath(std::move(hlsPath))
    , m_hlsRetention(hlsRetention)
{
    m_timer.setInterval(sweepInterval(std::min(pendingExpiry, hlsRetention)));
    connect(&m_timer, &QTimer::timeout, this, &StreamRetention::sweep);
}

void StreamRetention::start()
{
    m_timer.start();
}

QList<QUuid> StreamRetention::streamDirectories(const QString &directory)
{
    QList<QUuid> ids;
    for (const QString &name : QDir(directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QUuid id = QUuid::fromString(name);
        // Exactly a stream's id as the ladder names its directory: nothing else is ours.
        if (!id.isNull() && id.toString(QUuid::WithoutBraces) == name)
            ids.append(id);
    }
    return ids;
}

void StreamRetention::sweep()
{
    if (m_sweeping)
        return;
    m_sweeping = true;
    m_streams.expirePending(m_pendingExpiry).then(this, [this](QFuture<QList<Stream>> done) {
        try {
            done.waitForFinished();
        } catch (const std::exception &) {
            // The database is away: the next sweep tries again, and readyz says why.
        }
        removeEndedHls();
    });
}

void StreamRetention::removeEndedHls()
{
    const QList<QUuid> present =
        m_hlsPath.isEmpty() ? QList<QUuid>{} : streamDirectories(m_hlsPath);
    if (present.isEmpty()) {
        m_sweeping = false;
        return;
    }
    m_streams.endedBefore(present, m_hlsRetention).then(this, [this](QFuture<QList<QUuid>> done) {
        m_sweeping = false;
        QList<QUuid> ended;
        try {
            ended = done.result();
        } catch (const std::exception &) {
            return;
        }
        for (const QUuid &id : std::as_const(ended)) {
            QDir directory(m_hlsPath + u'/' + id.toString(QUuid::WithoutBraces));
            if (directory.removeRecursively())
                qCInfo(lcStreams).noquote()
                    << "removed the HLS files of" << id.toString(QUuid::WithoutBraces)
                    << "(ended more than the retention ago)";
        }
    });
}

} // namespace nova
