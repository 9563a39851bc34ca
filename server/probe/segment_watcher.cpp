#include "server/probe/segment_watcher.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace nova {

SegmentWatcher::SegmentWatcher(QString hlsPath, QObject *parent)
    : QObject(parent)
    , m_hlsPath(std::move(hlsPath))
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &SegmentWatcher::scan);
}

void SegmentWatcher::watch(const QUuid &stream)
{
    if (m_hlsPath.isEmpty() || m_streams.contains(stream))
        return;
    m_streams.insert(stream, {});
    if (!m_timer.isActive())
        m_timer.start();
}

void SegmentWatcher::unwatch(const QUuid &stream)
{
    m_streams.remove(stream);
    if (m_streams.isEmpty())
        m_timer.stop();
}

void SegmentWatcher::scan()
{
    static const QRegularExpression segment(QStringLiteral("^seg_(\\d+)\\.ts$"));
    for (auto stream = m_streams.begin(); stream != m_streams.end(); ++stream) {
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
            Rendition &rendition = (*stream)[name];
            if (newest <= rendition.lastNumber)
                continue;
            const QFileInfo complete(
                dir.filePath(QStringLiteral("seg_%1.ts").arg(newest - 1, 6, 10, QLatin1Char('0'))));
            if (rendition.lastNumber >= 0 && complete.exists()) {
                const QDateTime completedAt = complete.lastModified();
                if (rendition.lastCompleted.isValid() && completedAt > rendition.lastCompleted)
                    emit segmentGenerated(name,
                                          rendition.lastCompleted.msecsTo(completedAt) / 1000.0);
                rendition.lastCompleted = completedAt;
            }
            rendition.lastNumber = newest;
        }
    }
}

} // namespace nova
