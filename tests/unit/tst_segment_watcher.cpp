// HLS segments as the ladder writes them: generation times from complete segments, and a stall said
// once when no rendition gets a new non-empty segment (with the cause: files still coming, empty,
// as on a full disk, or none at all), and its end when one comes again; a rendition the ladder
// dropped, said once a drop.

#include "server/probe/segment_watcher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace nova;

namespace {
// Segment `number`, finished 2 s after the one before it.
void writeSegment(const QString &dir, int number, qsizetype bytes)
{
    static const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QDir().mkpath(dir);
    QFile file(dir + QStringLiteral("/seg_%1.ts").arg(number, 6, 10, QLatin1Char('0')));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(bytes, 'x'));
    QVERIFY(file.flush()); // before the time is set: writing sets it too
    QVERIFY(file.setFileTime(start.addSecs(2 * number), QFileDevice::FileModificationTime));
}

// One stream under watch in a directory of its own, and what the watcher says of it.
struct Watch
{
    explicit Watch(std::chrono::milliseconds stallAfter)
        : watcher(hls.path(), stallAfter)
    {
        watcher.watch(stream);
    }
    QString rendition(const QString &name) const
    {
        return hls.path() + u'/' + stream.toString(QUuid::WithoutBraces) + u'/' + name;
    }

    QTemporaryDir hls;
    const QUuid stream = QUuid::createUuid();
    SegmentWatcher watcher;
    QSignalSpy stalled{&watcher, &SegmentWatcher::stalled};
    QSignalSpy resumed{&watcher, &SegmentWatcher::resumed};
    QSignalSpy generated{&watcher, &SegmentWatcher::segmentGenerated};
    QSignalSpy dropped{&watcher, &SegmentWatcher::renditionDropped};
    QSignalSpy playable{&watcher, &SegmentWatcher::playable};
};

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

const QByteArray kMaster = "#EXTM3U\n#EXT-X-VERSION:3\n"
                           "#EXT-X-STREAM-INF:BANDWIDTH=2800000,RESOLUTION=1280x720\n"
                           "source/index.m3u8\n"
                           "#EXT-X-STREAM-INF:BANDWIDTH=1200000,RESOLUTION=854x480\n"
                           "480p/index.m3u8\n";
const QByteArray kWithSegment = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n"
                                "#EXTINF:1.000,\nseg_000000.ts\n";
const QByteArray kEmptyPlaylist = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n";
} // namespace

class TestSegmentWatcher : public QObject
{
    Q_OBJECT

private slots:
    void playableOnceEveryVariantHasASegment()
    {
        Watch watch(std::chrono::seconds(60));
        const QString root = watch.rendition(QString());
        writeFile(root + QStringLiteral("source/index.m3u8"), kWithSegment);
        watch.watcher.scanPlayable();
        QCOMPARE(watch.playable.count(), 0); // no master playlist yet

        writeFile(root + QStringLiteral("index.m3u8"), kMaster);
        writeFile(root + QStringLiteral("480p/index.m3u8"), kEmptyPlaylist);
        watch.watcher.scanPlayable();
        QCOMPARE(watch.playable.count(), 0); // 480p has no segment yet

        writeFile(root + QStringLiteral("480p/index.m3u8"), kWithSegment);
        watch.watcher.scanPlayable();
        QCOMPARE(watch.playable.count(), 1);
        QCOMPARE(watch.playable.at(0).at(0).toUuid(), watch.stream);
        watch.watcher.scanPlayable();
        QCOMPARE(watch.playable.count(), 1); // once a watch

        // What it said was not recorded: it says so again, as long as it still is.
        watch.watcher.forgetPlayable(watch.stream);
        watch.watcher.scanPlayable();
        QCOMPARE(watch.playable.count(), 2);
    }

    void playableIsFoundByItselfSoon()
    {
        Watch watch(std::chrono::seconds(60));
        const QString root = watch.rendition(QString());
        writeFile(root + QStringLiteral("index.m3u8"), kMaster);
        writeFile(root + QStringLiteral("source/index.m3u8"), kWithSegment);
        writeFile(root + QStringLiteral("480p/index.m3u8"), kWithSegment);
        QVERIFY(watch.playable.wait(2000)); // its own look, without a scan asked for
    }

    void aMasterPlaylistPointingElsewhereIsNotPlayable()
    {
        Watch watch(std::chrono::seconds(60));
        const QString root = watch.rendition(QString());
        writeFile(root + QStringLiteral("index.m3u8"),
                  "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n../../other/index.m3u8\n");
        watch.watcher.scanPlayable();
        writeFile(root + QStringLiteral("index.m3u8"), "not a playlist\nsource/index.m3u8\n");
        writeFile(root + QStringLiteral("source/index.m3u8"), kWithSegment);
        watch.watcher.scanPlayable();
        QCOMPARE(watch.playable.count(), 0);
    }

    void aDroppedRenditionIsSaidOnceADrop()
    {
        Watch watch(std::chrono::seconds(60));
        const QString rendition = watch.rendition(QStringLiteral("720p"));
        writeSegment(rendition, 0, 500);
        watch.watcher.scan();
        QCOMPARE(watch.dropped.count(), 0);

        QFile marker(rendition + QStringLiteral("/dropped"));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("the renditions run 7.2 s behind real time\n");
        marker.close();
        watch.watcher.scan();
        watch.watcher.scan();
        QCOMPARE(watch.dropped.count(), 1);
        QCOMPARE(watch.dropped.at(0).at(0).toUuid(), watch.stream);
        QCOMPARE(watch.dropped.at(0).at(1).toString(), QStringLiteral("720p"));
        QCOMPARE(watch.dropped.at(0).at(2).toString(),
                 QStringLiteral("the renditions run 7.2 s behind real time"));

        // A restarted ladder makes it again (and removes the marker), then drops it again.
        QVERIFY(marker.remove());
        watch.watcher.scan();
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write(QByteArray(5000, 'x')); // whatever it says, the log gets a line of it
        marker.close();
        watch.watcher.scan();
        QCOMPARE(watch.dropped.count(), 2);
        QCOMPARE(watch.dropped.at(1).at(2).toString().size(), 200);
    }

    void emptySegmentsAreAStallAndRealOnesItsEnd()
    {
        // No patience at all: the first scan without a new segment is a stall.
        Watch watch(std::chrono::milliseconds(0));
        const QString source = watch.rendition(QStringLiteral("source"));

        writeSegment(source, 0, 1000);
        writeSegment(source, 1, 10);
        watch.watcher.scan(); // segment 0 complete and written
        QCOMPARE(watch.stalled.count(), 0);

        writeSegment(source, 2, 0); // 1 complete; then the disk is full
        writeSegment(source, 3, 0);
        watch.watcher.scan(); // 2 complete, empty
        QCOMPARE(watch.stalled.count(), 1);
        QCOMPARE(watch.stalled.first().at(0).value<QUuid>(), watch.stream);
        QCOMPARE(watch.stalled.first().at(2).toBool(), true); // files come, empty
        writeSegment(source, 4, 0);
        watch.watcher.scan();
        QCOMPARE(watch.stalled.count(), 1); // said once

        writeSegment(source, 4, 900); // room again
        writeSegment(source, 5, 10);
        watch.watcher.scan();
        QCOMPARE(watch.resumed.count(), 1);
        QCOMPARE(watch.resumed.first().at(0).value<QUuid>(), watch.stream);
    }

    void aLadderThatWritesNothingIsAStallToo()
    {
        Watch watch(std::chrono::milliseconds(0));
        watch.watcher.scan();
        QCOMPARE(watch.stalled.count(), 1);
        QCOMPARE(watch.stalled.first().at(2).toBool(), false); // no files at all
    }

    void aStreamThatKeepsUpNeverStalls()
    {
        // No patience at all, and none needed: each scan finds a new complete segment.
        Watch watch(std::chrono::milliseconds(0));
        writeSegment(watch.rendition(QStringLiteral("480p")), 0, 500);
        for (int n = 1; n < 6; ++n) {
            writeSegment(watch.rendition(QStringLiteral("480p")), n, 500);
            watch.watcher.scan();
        }
        QCOMPARE(watch.stalled.count(), 0);
        QCOMPARE(watch.generated.count(), 3); // 2, 3 and 4, each against the one before
        QCOMPARE(watch.generated.first().at(0).toString(), QStringLiteral("480p"));
        QCOMPARE(watch.generated.first().at(1).toDouble(), 2.0);
    }
};

QTEST_GUILESS_MAIN(TestSegmentWatcher)
#include "tst_segment_watcher.moc"
