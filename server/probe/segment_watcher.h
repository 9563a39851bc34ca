#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUuid>

namespace nova {

// Measures HLS segment generation from the files the ladder writes: in each rendition's directory
// (<hls>/<id>/<rendition>/seg_NNNNNN.ts) a segment is complete once the next one appears, and its
// generation time is the time between its completion and the previous one's (about the segment
// length when the ladder keeps up, more when it falls behind).
class SegmentWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SegmentWatcher(QString hlsPath, QObject *parent = nullptr);

    void watch(const QUuid &stream);
    void unwatch(const QUuid &stream);
    // Looks at the directories now (also done every second while something is watched).
    void scan();

signals:
    void segmentGenerated(const QString &rendition, double seconds);

private:
    struct Rendition
    {
        qint64 lastNumber = -1;  // the newest segment seen
        QDateTime lastCompleted; // when the one before it was complete
    };

    QString m_hlsPath;
    QHash<QUuid, QHash<QString, Rendition>> m_streams;
    QTimer m_timer;
};

} // namespace nova
