// A streamer's uplink takes less than the chosen bitrate: the broadcaster, publishing through a
// relay that passes its bytes on at a fixed rate, lowers the encoder's bitrate to what gets
// through instead of reconnecting or dropping pictures, says why in its stats, and steps back up
// once the uplink is fast again.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"
#include "tests/support/throttling_relay.h"

#include <QTest>
#include <QUrl>

using namespace nova::test;

namespace {

constexpr int kChosenKbps = 1000;
constexpr int kUplinkKbps = 350;

// The last stats line seen, or an empty object.
QJsonObject latestStats(const BroadcasterProcess &broadcaster)
{
    const QList<QJsonObject> &events = broadcaster.events();
    for (auto it = events.rbegin(); it != events.rend(); ++it)
        if (it->value(u"event").toString() == u"stats")
            return *it;
    return {};
}

int targetKbps(const BroadcasterProcess &broadcaster)
{
    return latestStats(broadcaster).value(u"target_bitrate_kbps").toInt();
}

} // namespace

class TestBroadcasterSlowUplink : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void aSlowUplinkLowersTheBitrateAndTheStreamGoesOn()
    {
        const QJsonObject stream = createStream("slow uplink");
        const QString id = stream.value(u"id").toString();
        QUrl ingest(stream.value(u"rtmp_url").toString());
        ThrottlingRelay relay(quint16(ingest.port(1935)), kUplinkKbps);
        QVERIFY(relay.port() != 0);
        ingest.setPort(relay.port());

        BroadcasterProcess broadcaster;
        broadcaster.start({"--rtmp-url", ingest.toString(), "--size", "640x360", "--bitrate",
                           QStringLiteral("%1k").arg(kChosenKbps)},
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 15'000), qPrintable(broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return targetKbps(broadcaster) > 0; }, 5000));
        QCOMPARE(targetKbps(broadcaster), kChosenKbps);

        // The queue grows, the bitrate comes down below what the uplink takes.
        QVERIFY2(pollUntil(
                     [&] {
                         return targetKbps(broadcaster) > 0 &&
                                targetKbps(broadcaster) < kUplinkKbps;
                     },
                     25'000),
                 "the target bitrate never came below the uplink's rate");
        const QJsonObject lowered = latestStats(broadcaster);
        QVERIFY2(lowered.value(u"bitrate_reason").toString().contains(u"waiting"),
                 qPrintable(lowered.value(u"bitrate_reason").toString()));

        // And the stream goes on: a few more seconds live, on the same connection.
        const int seen = int(broadcaster.events().size());
        QVERIFY(pollUntil([&] { return broadcaster.events().size() >= seen + 5; }, 10'000));
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));

        // A fast uplink again: the target steps back up.
        const int low = targetKbps(broadcaster);
        relay.setRate(20 * kChosenKbps);
        QVERIFY2(pollUntil([&] { return targetKbps(broadcaster) > low; }, 20'000),
                 "the target bitrate never rose once the uplink was fast again");
        QVERIFY2(latestStats(broadcaster).value(u"bitrate_reason").toString().contains(u"keeps up"),
                 qPrintable(latestStats(broadcaster).value(u"bitrate_reason").toString()));

        const QJsonObject last = latestStats(broadcaster);
        QCOMPARE(last.value(u"reconnects").toInt(), 0);
        const double sent = last.value(u"frames_sent").toDouble();
        const double dropped = last.value(u"network_dropped_frames").toDouble();
        QVERIFY(sent > 0);
        QVERIFY2(dropped < 0.01 * sent,
                 qPrintable(QStringLiteral("%1 of %2 pictures dropped").arg(dropped).arg(sent)));

        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(15'000));
        QCOMPARE(broadcaster.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBroadcasterSlowUplink)
#include "tst_broadcaster_slow_uplink.moc"
