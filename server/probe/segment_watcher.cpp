#include "server/probe/segment_watcher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <optional>

namespace nova {

namespace {
constexpr qint64 kMaxDropReason = 200;     // bytes of the ladder's words that reach the log
constexpr qint64 kMaxPlaylist = 64 * 1024; // a ladder's playlists are a few hundred bytes
constexpr int kPlayableScanMs = 200;       // what a player waiting for the first picture waits more

QByteArray head(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(kMaxPlaylist) : QByteArray();
}
} // namespace

SegmentWatcher::SegmentWatcher(QString hlsPath, std::chrono::milliseconds stallAfter,
                               QObject *parent)
    : QObject(parent)
    , m_hlsPath(std::move(hlsPath))
    , m_stallAfter(stallAfter)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &SegmentWatcher::scan);
    m_playableTimer.setInterval(kPlayableScanMs);
    connect(&m_playableTimer, &QTimer::timeout, this, &SegmentWatcher::scanPlayable);
}

void SegmentWatcher::watch(const QUuid &stream)
{
    if (m_hlsPath.isEmpty() || m_streams.contains(stream))
        return;
    Watched &watched = m_streams[stream];
    watched.sinceProgress.start();
    if (!m_timer.isActive())
        m_timer.start();
    if (!m_playableTimer.isActive())
        m_playableTimer.start();
}

QDir SegmentWatcher::directoryOf(const QUuid &stream) const
{
    return QDir(m_hlsPath + u'/' + stream.toString(QUuid::WithoutBraces));
}

void SegmentWatcher::forgetPlayable(const QUuid &stream)
{
    const auto watched = m_streams.find(stream);
    if (watched == m_streams.end() || !watched->playable)
        return;
    watched->playable = false;
    if (!m_playableTimer.isActive())
        m_playableTimer.start();
}

bool SegmentWatcher::isPlayable(const QDir &root)
{
    const QByteArray master = head(root.filePath(QStringLiteral("index.m3u8")));
    if (!master.startsWith("#EXTM3U"))
        return false;
    int variants = 0;
    for (QByteArrayView line : master.split('\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        // The ladder names its variants rendition/index.m3u8; nothing else is looked at.
        const QString uri = QString::fromUtf8(line);
        if (uri.contains(QLatin1StringView("..")) || uri.startsWith(u'/') || uri.contains(u':'))
            return false;
        if (!head(root.filePath(uri)).contains("#EXTINF"))
            return false;
        ++variants;
    }
    return variants > 0;
}

void SegmentWatcher::scanPlayable()
{
    QList<QUuid> ready;
    bool waiting = false;
    for (auto stream = m_streams.begin(); stream != m_streams.end(); ++stream) {
        if (stream->playable)
            continue;
        const QDir root = directoryOf(stream.key());
        stream->playable = isPlayable(root);
        if (stream->playable)
            ready.append(stream.key());
        else
            waiting = true;
    }
    if (!waiting)
        m_playableTimer.stop();
    for (const QUuid &stream : ready) // after the loop: a receiver may unwatch
        emit playable(stream);
}

void SegmentWatcher::unwatch(const QUuid &stream)
{
    m_streams.remove(stream);
    if (m_streams.isEmpty()) {
        m_timer.stop();
        m_playableTimer.stop();
    }
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

        const QDir root = directoryOf(stream.key());
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
