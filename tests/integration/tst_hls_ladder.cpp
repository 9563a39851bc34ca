// nova-hls-ladder on real streams made by FFmpeg: a source gets the tiers below its height and no
// other, every variant's segments start with a key frame at the same times as the source's, the
// master playlist names what players choose by, a restarted ladder goes on after a discontinuity,
// and bad lines are refused. Runs the ladder as nginx-rtmp's exec does, on a file for the stream.

#include "tests/support/hls_playlist_reader.h"
#include "tests/support/polling.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <fcntl.h>
#include <memory>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace nova::test;

namespace {
struct Run
{
    int exitCode = -1;
    QString output;
};

Run runProgram(const QString &program, const QStringList &arguments, int timeoutMs = 60'000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("%1 did not finish").arg(program)};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The first picture of an MPEG-TS segment: is it a key frame, and how big.
struct FirstPicture
{
    bool key = false;
    int width = 0;
    int height = 0;
    double seconds = -1;
};

// Holds a transcoding slot as another ladder of the machine would.
class SlotHolder
{
public:
    SlotHolder(const QString &directory, int slot)
    {
        QDir().mkpath(directory);
        m_fd =
            ::open(QStringLiteral("%1/slot-%2").arg(directory).arg(slot).toLocal8Bit().constData(),
                   O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        m_held = m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
    }
    ~SlotHolder()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool held() const { return m_held; }

private:
    int m_fd = -1;
    bool m_held = false;
};

FirstPicture firstPictureOf(const QString &segment)
{
    const Run probe =
        runProgram("ffprobe", {"-v", "error", "-select_streams", "v", "-read_intervals", "%+#1",
                               "-show_entries", "frame=key_frame,width,height,pts_time", "-of",
                               "json", segment});
    const QJsonArray frames =
        QJsonDocument::fromJson(probe.output.toUtf8()).object().value(u"frames").toArray();
    if (frames.isEmpty())
        return {};
    const QJsonObject frame = frames.first().toObject();
    return {frame.value(u"key_frame").toInt() == 1, frame.value(u"width").toInt(),
            frame.value(u"height").toInt(), frame.value(u"pts_time").toString().toDouble()};
}
} // namespace

class TestHlsLadder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A stream as nginx-rtmp would play it to the ladder: H.264 with a key frame each second and
    // AAC, in FLV, in a file named by a new stream id. Returns the id.
    QString makeStream(const QString &size, int seconds, const QString &bitrate)
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const Run made = runProgram("ffmpeg", {"-v",
                                               "error",
                                               "-f",
                                               "lavfi",
                                               "-i",
                                               "testsrc2=size=" + size + ":rate=30",
                                               "-f",
                                               "lavfi",
                                               "-i",
                                               "sine=frequency=440:sample_rate=48000",
                                               "-t",
                                               QString::number(seconds),
                                               "-c:v",
                                               "libx264",
                                               "-preset",
                                               "ultrafast",
                                               "-g",
                                               "30",
                                               "-b:v",
                                               bitrate,
                                               "-c:a",
                                               "aac",
                                               "-b:a",
                                               "96k",
                                               "-f",
                                               "flv",
                                               m_dir.filePath("in/" + id)});
        if (made.exitCode != 0)
            qWarning("ffmpeg: %s", qPrintable(made.output));
        return made.exitCode == 0 ? id : QString();
    }

    QStringList ladderLine(const QString &id, const QStringList &more) const
    {
        return QStringList{"--input",      m_dir.filePath("in"),
                           "--output",     m_dir.filePath("out"),
                           "--max-behind", "600",
                           "--slots-dir",  m_dir.filePath("slots")} +
               more + QStringList{id};
    }

    Run ladder(const QString &id, const QStringList &more = {})
    {
        return runProgram(NOVA_LADDER_PATH, ladderLine(id, more));
    }

    QString out(const QString &id, const QString &path) const
    {
        return m_dir.filePath("out/" + id + "/" + path);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath("in"));
    }

    void a1080pSourceGetsTheTiersBelowItAlignedWithIt()
    {
        const QString id = makeStream("1920x1080", 5, "4000k");
        QVERIFY(!id.isEmpty());
        const Run run = ladder(id);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));

        QString error;
        const auto master = readMasterPlaylist(readAll(out(id, "index.m3u8")), &error);
        QVERIFY2(master, qPrintable(error));
        QVERIFY(master->independentSegments);
        const QStringList uris{"source/index.m3u8", "720p/index.m3u8", "480p/index.m3u8"};
        const QStringList sizes{"1920x1080", "1280x720", "854x480"};
        QCOMPARE(master->variants.size(), uris.size());
        for (qsizetype v = 0; v < uris.size(); ++v) {
            const HlsVariantEntry &variant = master->variants[v];
            QCOMPARE(variant.uri, uris[v]);
            QCOMPARE(variant.attributes.value("RESOLUTION"), sizes[v]);
            QCOMPARE(variant.attributes.value("FRAME-RATE"), "30.000");
            QVERIFY2(variant.attributes.value("CODECS").startsWith("avc1.") &&
                         variant.attributes.value("CODECS").endsWith(",mp4a.40.2"),
                     qPrintable(variant.attributes.value("CODECS")));
            QVERIFY(variant.attributes.value("BANDWIDTH").toLongLong() > 0);
            QVERIFY(variant.attributes.value("AVERAGE-BANDWIDTH").toLongLong() > 0);
        }
        // ultrafast x264 writes Constrained Baseline for the source; the renditions are High.
        QVERIFY(master->variants[1].attributes.value("CODECS").startsWith("avc1.64"));

        // Every variant is cut at the same times, each segment starting with a key frame.
        const auto source = readMediaPlaylist(readAll(out(id, "source/index.m3u8")), &error);
        QVERIFY2(source, qPrintable(error));
        QCOMPARE(source->segments.size(), 3); // 2 s + 2 s + 1 s
        for (qsizetype v = 0; v < uris.size(); ++v) {
            const QString name = uris[v].section(u'/', 0, 0);
            const auto media = readMediaPlaylist(readAll(out(id, uris[v])), &error);
            QVERIFY2(media, qPrintable(error));
            QCOMPARE(media->segments.size(), source->segments.size());
            for (qsizetype s = 0; s < media->segments.size(); ++s) {
                QVERIFY(qAbs(media->segments[s].seconds - source->segments[s].seconds) < 0.1);
                const FirstPicture first =
                    firstPictureOf(out(id, name + "/" + media->segments[s].uri));
                QVERIFY2(first.key, qPrintable(name + " segment " + QString::number(s)));
                QCOMPARE(QStringLiteral("%1x%2").arg(first.width).arg(first.height), sizes[v]);
                const FirstPicture sourceFirst =
                    firstPictureOf(out(id, "source/" + source->segments[s].uri));
                QVERIFY(qAbs(first.seconds - sourceFirst.seconds) < 0.001);
            }
        }
    }

    void aSourceAtOrBelowTheLowestTierIsServedAsItIs()
    {
        const QString id = makeStream("640x360", 3, "800k");
        QVERIFY(!id.isEmpty());
        const Run run = ladder(id);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(run.output.contains("source 640x360"), qPrintable(run.output));
        QString error;
        const auto master = readMasterPlaylist(readAll(out(id, "index.m3u8")), &error);
        QVERIFY2(master, qPrintable(error));
        QCOMPARE(master->variants.size(), 1);
        QCOMPARE(master->variants[0].uri, "source/index.m3u8");
        QCOMPARE(QDir(out(id, "")).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
                 QStringList{"source"});
    }

    void noRenditionIsMadeAtMoreBitsThanTheSourceHas()
    {
        // 720p sent at 600 kb/s: the 480p tier (1.5 Mb/s) is made at 600 kb/s at most.
        const QString id = makeStream("1280x720", 3, "600k");
        QVERIFY(!id.isEmpty());
        const Run run = ladder(id);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        const Run probe =
            runProgram("ffprobe", {"-v", "error", "-show_entries", "format=bit_rate", "-of",
                                   "default=nw=1:nk=1", out(id, "480p/seg_000000.ts")});
        // The whole segment: picture, 96 kb/s of sound and the transport's own bytes.
        QVERIFY2(probe.output.trimmed().toLongLong() < 900'000, qPrintable(probe.output));
    }

    void aRestartedLadderGoesOnAfterADiscontinuity()
    {
        const QString id = makeStream("640x360", 3, "500k");
        QVERIFY(!id.isEmpty());
        QCOMPARE(ladder(id).exitCode, 0);
        const Run again = ladder(id);
        QCOMPARE(again.exitCode, 0);
        QString error;
        const auto media = readMediaPlaylist(readAll(out(id, "source/index.m3u8")), &error);
        QVERIFY2(media, qPrintable(error));
        // The first run's two segments came before: a player that reloads sees the stream go on.
        QCOMPARE(media->mediaSequence, 2);
        QCOMPARE(media->discontinuitySequence, 0);
        QCOMPARE(media->segments.size(), 2);
        QCOMPARE(media->segments[0].uri, "seg_000002.ts");
        QVERIFY(media->segments[0].discontinuity);
        QVERIFY(!media->segments[1].discontinuity);
        QVERIFY(QFile::exists(out(id, "source/seg_000001.ts"))); // still there for late readers
    }

    void aStreamFindingEverySlotTakenIsServedAsItsSource()
    {
        const QString id = makeStream("1280x720", 3, "1500k");
        QVERIFY(!id.isEmpty());
        SlotHolder held(m_dir.filePath("slots"), 0); // another stream of this machine has it
        QVERIFY(held.held());
        const Run run = ladder(id, {"--transcode-slots", "1"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(run.output.contains("all 1 transcoding slots of this machine are taken"),
                 qPrintable(run.output));
        QString error;
        const auto master = readMasterPlaylist(readAll(out(id, "index.m3u8")), &error);
        QVERIFY2(master, qPrintable(error));
        QCOMPARE(master->variants.size(), 1);

        // With a second slot it gets its renditions.
        const QString next = makeStream("1280x720", 3, "1500k");
        const Run two = ladder(next, {"--transcode-slots", "2"});
        QVERIFY2(two.output.contains("transcoding slot 2 of 2"), qPrintable(two.output));
        const auto both = readMasterPlaylist(readAll(out(next, "index.m3u8")), &error);
        QVERIFY2(both, qPrintable(error));
        QCOMPARE(both->variants.size(), 2);
    }

    void aSlotFreedMidStreamBringsTheRenditionsAtAKeyFrame()
    {
        // A live stream, in real time: FFmpeg plays a clip into a pipe named by the stream's id.
        const QString clip = makeStream("1280x720", 10, "1500k");
        QVERIFY(!clip.isEmpty());
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(::mkfifo(m_dir.filePath("in/" + id).toLocal8Bit().constData(), 0600), 0);
        QProcess player;
        player.start("ffmpeg", {"-v", "error", "-re", "-i", m_dir.filePath("in/" + clip), "-c",
                                "copy", "-f", "flv", "-y", m_dir.filePath("in/" + id)});
        auto held = std::make_unique<SlotHolder>(m_dir.filePath("slots"), 0);
        QProcess ladder;
        ladder.setProcessChannelMode(QProcess::MergedChannels);
        ladder.start(NOVA_LADDER_PATH, ladderLine(id, {"--transcode-slots", "1"}));
        QString said;
        QVERIFY(pollUntil(
            [&] {
                said += QString::fromUtf8(ladder.readAll());
                return said.contains("slots of this machine are taken");
            },
            15'000));
        held.reset(); // the other stream ended
        QVERIFY(ladder.waitForFinished(30'000));
        said += QString::fromUtf8(ladder.readAll());
        QVERIFY2(ladder.exitCode() == 0, qPrintable(said));
        QVERIFY2(said.contains("transcoding slot 1 of 1"), qPrintable(said));
        player.waitForFinished(5000);

        QString error;
        const auto master = readMasterPlaylist(readAll(out(id, "index.m3u8")), &error);
        QVERIFY2(master, qPrintable(error));
        QCOMPARE(master->variants.size(), 2);
        const auto source = readMediaPlaylist(readAll(out(id, "source/index.m3u8")), &error);
        const auto rendition = readMediaPlaylist(readAll(out(id, "480p/index.m3u8")), &error);
        QVERIFY2(source && rendition, qPrintable(error));
        QVERIFY2(rendition->segments.size() < source->segments.size(),
                 "the 480p rendition should have started after the source");
        // Its first segment starts with a key frame exactly where the source's segment of the
        // same number does: players match variants' segments by their numbers.
        const FirstPicture first = firstPictureOf(out(id, "480p/" + rendition->segments[0].uri));
        QVERIFY(first.key);
        QVERIFY(QFile::exists(out(id, "source/" + rendition->segments[0].uri)));
        const FirstPicture same = firstPictureOf(out(id, "source/" + rendition->segments[0].uri));
        QVERIFY2(qAbs(same.seconds - first.seconds) < 0.001,
                 qPrintable(QStringLiteral("%1 %2").arg(same.seconds).arg(first.seconds)));
        QCOMPARE(rendition->mediaSequence + rendition->segments.size(),
                 source->mediaSequence + source->segments.size());
    }

    void badLinesAndMissingStreamsAreRefusedClearly()
    {
        Run run = runProgram(NOVA_LADDER_PATH, {"--input", "x", "--output", "y", "../etc"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.output.contains("'../etc' is not a stream id"), qPrintable(run.output));
        run = runProgram(NOVA_LADDER_PATH,
                         {"--input", "x", "--output", "y", "--renditions", "720p:3000k,720p:1M",
                          QUuid::createUuid().toString(QUuid::WithoutBraces)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.output.contains("720p is given twice"), qPrintable(run.output));
        const QString missing = QUuid::createUuid().toString(QUuid::WithoutBraces);
        run = ladder(missing);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains("cannot open"), qPrintable(run.output));
        QVERIFY(!QFile::exists(out(missing, "index.m3u8")));
    }
};

QTEST_GUILESS_MAIN(TestHlsLadder)
#include "tst_hls_ladder.moc"
