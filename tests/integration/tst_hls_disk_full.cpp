// The HLS disk is full under a live stream (a full 1 MiB disk mounted where its HLS goes): the
// ladder cannot write, the stream stays live (its publisher connected, its status ACTIVE, its id),
// and the failure is visible where an operator looks: nova_streaming_hls_stalls_total, and the
// replica's log naming the stream and the likely cause (the ladder goes on making segment files,
// empty). Given room again, segments come back by themselves and the log says the HLS resumed.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/replica_metrics.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <unistd.h>

using namespace nova::test;

namespace {
bool run(const QString &program, const QStringList &arguments, QString *output = nullptr)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    const bool finished = process.waitForFinished(10'000);
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// A 1 MiB tmpfs on `path`, filled up by a file of its own, for as long as it lives; unmounted
// however the test ends.
struct FullDisk
{
    explicit FullDisk(QString where)
        : path(std::move(where))
    {
        QDir().mkpath(path);
        mounted = run(QStringLiteral("mount"),
                      {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                       QStringLiteral("size=1m"), QStringLiteral("tmpfs"), path},
                      &output);
        if (!mounted)
            return;
        QFile filler(path + QStringLiteral("/.filler"));
        full = filler.open(QIODevice::WriteOnly);
        const QByteArray block(64 * 1024, '\0');
        while (full && filler.write(block) == block.size() && filler.flush()) {
        }
        // No room left at all: not even for one byte more.
        QFile probe(path + QStringLiteral("/.probe"));
        full = full && probe.open(QIODevice::WriteOnly) &&
               (probe.write("x", 1) != 1 || !probe.flush());
        probe.remove();
    }
    ~FullDisk()
    {
        if (mounted) // lazily: the ladder may still hold a file open there
            run(QStringLiteral("umount"), {QStringLiteral("-l"), path});
    }
    // What an operator does: make room.
    bool free() { return QFile::remove(path + QStringLiteral("/.filler")); }

    QString path;
    QString output;
    bool mounted = false;
    bool full = false;
};

// Summed over the replicas that run: the one that probes the stream counts.
double hlsStalls()
{
    return metricOnAllReplicas(QByteArrayLiteral("nova_streaming_hls_stalls_total"));
}

} // namespace

class TestHlsDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QVERIFY2(geteuid() == 0, "mounting a small disk for the HLS output needs root");
    }

    void aFullDiskStallsTheHlsNotTheStream()
    {
        const QJsonObject stream = createStream("hls disk full");
        const QString id = stream.value(u"id").toString();
        FullDisk disk(StackEnv::get().stateDir + QStringLiteral("/hls/") + id);
        QVERIFY2(disk.mounted, qPrintable(disk.output));
        QVERIFY(disk.full);
        const double stallsBefore = hlsStalls();

        BroadcasterProcess broadcaster;
        QVERIFY2(broadcaster.goLive(stream), qPrintable(broadcaster.standardError()));

        // The ladder cannot write; after 15 s without a segment the replica says so, and why.
        const QByteArray stalled = "HLS of stream " + id.toLatin1() +
                                   " stalled (the ladder writes empty segments: is the HLS disk "
                                   "full?) no new segment for";
        QVERIFY(pollUntil([&] { return hlsStalls() > stallsBefore; }, 45'000));
        QCOMPARE(StackControl::serverLogLines(stalled), 1);
        // The stream itself goes on.
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));
        QVERIFY(broadcaster.isRunning());

        // Room again: segments come back by themselves, for the same stream.
        QVERIFY(disk.free());
        const QByteArray resumed = "HLS of stream " + id.toLatin1() + " resumed";
        QVERIFY(pollUntil([&] { return StackControl::serverLogLines(resumed) >= 1; }, 30'000));
        const QUrl playlist(StackEnv::get().hlsUrl.toString() + u'/' + id + "/index.m3u8");
        QVERIFY(pollUntil([&] { return httpCall("GET", playlist).status == 200; }, 15'000));
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));
        QCOMPARE(hlsStalls(), stallsBefore + 1); // one stall, counted once

        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        QVERIFY(broadcaster.waitForExit(15'000));
    }
};

QTEST_GUILESS_MAIN(TestHlsDiskFull)
#include "tst_hls_disk_full.moc"
