#include "server/probe/segment_watcher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <optional>

namespace nova {

namespace {
constexpr qint64 kMaxDropReason = 200; // bytes of the ladder's words that reach the log
} // namespace

SegmentWatcher::SegmentWatcher(QString hlsPath, std::chrono::milliseconds stallAfter,
                               QObject *parent)
    : QObject(parent)
    , m_hlsPath(std::move(hlsPath))
    , m_stallAfter(stallAfter)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &SegmentWatcher::scan);
}

void SegmentWatcher::watch(const QUuid &stream)
{
    if (m_hlsPath.isEmpty() || m_streams.contains(stream))
        return;
    Watched &watched = m_streams[stream];
    watched.sinceProgress.start();
    if (!m_timer.isActive())
        m_timer.start();
}

void SegmentWatcher::unwatch(const QUuid &stream)
{
    m_streams.remove(stream);
    if (m_streams.isEmpty())
        m_timer.stop();
}

void SegmentWatcher::noticeDrop(const QUuid &stream, const QString &name, const QDir &dir,
                                Rendition &rendition)
{
    // A ladder that makes the rendition again (after a restart) removes the marker first.
    QFile marker(dir.filePath(QStringLiteral("dropped")));
    const bool dropped = marker.exists();
    if (dropped && !rendition.dropped) {
        QString why;
        if (marker.open(QIODevice::ReadOnly))
            why = QString::fromUtf8(marker.read(kMaxDropReason)).trimmed();
        emit renditionDropped(stream, name, why);
    }
    rendition.dropped = dropped;
}

void SegmentWatcher::scan()
{
    static const QRegularExpression segment(QStringLiteral("^seg_(\\d+)\\.ts$"));
    for (auto stream = m_streams.begin(); stream != m_streams.end(); ++stream) {
        Watched &watched = *stream;
        bool progressed = false;
        std::optional<bool> emptySegments; // of the renditions that moved on, any empty

        const QDir root(m_hlsPath + u'/' + stream.key().toString(QUuid::WithoutBraces));
        for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir dir(root.filePath(name));
            // The two newest segments: the newest is being written, the one before is complete.
            qint64 newest = -1;
            for (const QString &file : dir.entryList({QStringLiteral("seg_*.ts")}, QDir::Files)) {
                const auto match = segment.match(file);
                if (match.hasMatch())
                    newest = std::max(newest, match.captured(1).toLongLong());
            }
            Rendition &rendition = watched.renditions[name];
            noticeDrop(stream.key(), name, dir, rendition);
            if (newest <= rendition.lastNumber)
                continue;
            const QFileInfo complete(
                dir.filePath(QStringLiteral("seg_%1.ts").arg(newest - 1, 6, 10, QLatin1Char('0'))));
            // On a full disk the ladder goes on making files, and they stay empty.
            const bool written = complete.exists() && complete.size() > 0;
            emptySegments = emptySegments.value_or(false) || (complete.exists() && !written);
            progressed = progressed || written;
            if (rendition.lastNumber >= 0 && written) {
                const QDateTime completedAt = complete.lastModified();
                if (rendition.lastCompleted.isValid() && completedAt > rendition.lastCompleted)
                    emit segmentGenerated(name,
                                          rendition.lastCompleted.msecsTo(completedAt) / 1000.0);
                rendition.lastCompleted = completedAt;
            }
            rendition.lastNumber = newest;
        }
        if (emptySegments)
            watched.emptySegments = *emptySegments;
        const double quietSeconds = watched.sinceProgress.elapsed() / 1000.0;
        if (progressed) {
            watched.sinceProgress.start();
            if (std::exchange(watched.stalled, false))
                emit resumed(stream.key(), quietSeconds);
        } else if (!watched.stalled && watched.sinceProgress.elapsed() >= m_stallAfter.count()) {
            watched.stalled = true;
            emit stalled(stream.key(), quietSeconds, watched.emptySegments);
        }
    }
}

} // namespace nova
