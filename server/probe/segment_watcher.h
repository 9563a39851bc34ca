#pragma once

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUuid>

#include <chrono>

namespace nova {

// Measures HLS segment generation from the files the ladder writes: in each rendition's directory
// (<hls>/<id>/<rendition>/seg_NNNNNN.ts) a segment is complete once the next one appears, and its
// generation time is the time between its completion and the previous one's (about the segment
// length when the ladder keeps up, more when it falls behind). A stream none of whose renditions
// gets a new non-empty segment for `stallAfter` is said to have stalled, once, and to have resumed
// when one does again: a ladder that keeps dying makes none, one on a full disk makes empty ones.
// A stream is playable once its master playlist is there and every variant it lists has a first
// segment: said once a watch, looked for five times a second until then.
class SegmentWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kDefaultStallAfter{15};

    explicit SegmentWatcher(QString hlsPath,
                            std::chrono::milliseconds stallAfter = kDefaultStallAfter,
                            QObject *parent = nullptr);

    void watch(const QUuid &stream);
    void unwatch(const QUuid &stream);
    // Looks at the directories now (also done every second while something is watched).
    void scan();
    // Looks for the streams that became playable (also done five times a second until each is).
    void scanPlayable();
    // Says playable() again at the next scan if it still is (what it said was not recorded).
    void forgetPlayable(const QUuid &stream);

signals:
    void playable(const QUuid &stream);
    void segmentGenerated(const QString &rendition, double seconds);
    // `emptySegments`: segment files still come, empty (the disk is full).
    void stalled(const QUuid &stream, double secondsWithoutSegment, bool emptySegments);
    void resumed(const QUuid &stream, double secondsWithoutSegment);
    // The ladder dropped a rendition that could not keep up (it leaves `dropped` in the
    // rendition's directory, with why); said once a drop.
    void renditionDropped(const QUuid &stream, const QString &rendition, const QString &why);

private:
    struct Rendition
    {
        qint64 lastNumber = -1;  // the newest segment seen
        QDateTime lastCompleted; // when the one before it was complete
        bool dropped = false;    // its `dropped` marker was there at the last scan
    };
    struct Watched
    {
        QHash<QString, Rendition> renditions;
        QElapsedTimer sinceProgress; // since the last new segment (or since watching began)
        bool stalled = false;
        bool emptySegments = false; // the newest complete segment seen is empty
        bool playable = false;      // said so
    };

    // <hls>/<id>: the stream's master playlist and a directory per rendition.
    QDir directoryOf(const QUuid &stream) const;
    // Whether `root` (a stream's directory) holds a master playlist all of whose variants have a
    // segment.
    static bool isPlayable(const QDir &root);
    void noticeDrop(const QUuid &stream, const QString &name, const QDir &dir,
                    Rendition &rendition);

    QString m_hlsPath;
    std::chrono::milliseconds m_stallAfter;
    QHash<QUuid, Watched> m_streams;
    QTimer m_timer;
    QTimer m_playableTimer; // runs while a watched stream is not playable yet
};

} // namespace nova
