// SendQueue: when the network falls behind it drops video that is not a keyframe (what is queued
// and what follows, up to the next keyframe) and counts it; it never drops audio or keyframes;
// it keeps nothing while offline and starts every connection at a keyframe.

#include "broadcaster/publisher/send_queue.h"

#include <QTest>

using namespace nova;
using namespace std::chrono_literals;

namespace {
constexpr AVRational kMs{1, 1000};

AvPacketPtr packetAt(qint64 ms, bool keyframe = false)
{
    AvPacketPtr packet(av_packet_alloc());
    av_new_packet(packet.get(), 100);
    packet->pts = packet->dts = ms;
    if (keyframe)
        packet->flags |= AV_PKT_FLAG_KEY;
    return packet;
}

struct Drained
{
    int video = 0;
    int keyframes = 0;
    int audio = 0;
};

Drained drain(SendQueue &queue)
{
    Drained out;
    while (auto entry = queue.pop(std::chrono::steady_clock::now())) {
        if (entry->kind == SendQueue::Kind::Audio) {
            ++out.audio;
        } else {
            ++out.video;
            out.keyframes += (entry->packet->flags & AV_PKT_FLAG_KEY) ? 1 : 0;
        }
    }
    return out;
}

// `seconds` of 30 fps video (a keyframe every `gop` pictures) and 15 audio packets a second,
// pushed as the encoders would, with nothing sent meanwhile.
void pushMedia(SendQueue &queue, int seconds, int gop, qint64 startMs = 0)
{
    for (int frame = 0; frame < seconds * 30; ++frame) {
        const qint64 ms = startMs + frame * 1000 / 30;
        queue.push(packetAt(ms, frame % gop == 0).get(), kMs, SendQueue::Kind::Video);
        if (frame % 2 == 0)
            queue.push(packetAt(ms).get(), kMs, SendQueue::Kind::Audio);
    }
}
} // namespace

class TestSendQueue : public QObject
{
    Q_OBJECT

private slots:
    void aNetworkThatKeepsUpLosesNothing()
    {
        SendQueue queue({});
        queue.connected();
        int sent = 0;
        for (int frame = 0; frame < 300; ++frame) {
            queue.push(packetAt(frame * 33, frame % 60 == 0).get(), kMs, SendQueue::Kind::Video);
            queue.push(packetAt(frame * 33).get(), kMs, SendQueue::Kind::Audio);
            sent += drain(queue).video;
        }
        QCOMPARE(sent, 300);
        QCOMPARE(queue.droppedVideoFrames(), 0);
    }

    void aStalledNetworkDropsOnlyVideoThatIsNotAKeyframe()
    {
        SendQueue queue({.congested = 1000ms, .overflow = 60'000ms});
        queue.connected();
        pushMedia(queue, 6, 60); // 6 s of media while nothing goes out
        const int audioPushed = 6 * 30 / 2;
        const Drained out = drain(queue);
        QCOMPARE(out.audio, audioPushed); // every bit of sound
        QCOMPARE(out.keyframes, 3);       // every keyframe (0, 2 s, 4 s)
        QVERIFY(out.video < 180);
        QCOMPARE(queue.droppedVideoFrames(), qint64(180 - out.video));
        QVERIFY(queue.droppedVideoFrames() > 100);
    }

    void afterADropVideoResumesAtTheNextKeyframe()
    {
        SendQueue queue({.congested = 500ms, .overflow = 60'000ms});
        queue.connected();
        pushMedia(queue, 1, 60); // congested by the end: the tail of this second is dropped
        drain(queue);            // the network catches up
        QVERIFY(queue.awaitingKeyframe());
        const qint64 droppedBefore = queue.droppedVideoFrames();
        // Pictures that depend on dropped ones are useless: they go too, until a keyframe.
        queue.push(packetAt(1100).get(), kMs, SendQueue::Kind::Video);
        QCOMPARE(queue.droppedVideoFrames(), droppedBefore + 1);
        queue.push(packetAt(1133, true).get(), kMs, SendQueue::Kind::Video);
        queue.push(packetAt(1166).get(), kMs, SendQueue::Kind::Video);
        const Drained out = drain(queue);
        QCOMPARE(out.video, 2);
        QCOMPARE(out.keyframes, 1);
        QVERIFY(!queue.awaitingKeyframe());
    }

    void offlineNothingIsKeptAndEachConnectionStartsAtAKeyframe()
    {
        SendQueue queue({});
        pushMedia(queue, 1, 60);
        QCOMPARE(drain(queue).video, 0); // not connected yet
        queue.connected();
        queue.push(packetAt(1000).get(), kMs, SendQueue::Kind::Video);
        queue.push(packetAt(1000).get(), kMs, SendQueue::Kind::Audio);
        queue.push(packetAt(1033, true).get(), kMs, SendQueue::Kind::Video);
        const Drained out = drain(queue);
        QCOMPARE(out.audio, 1);
        QCOMPARE(out.video, 1);
        QCOMPARE(out.keyframes, 1);
        QCOMPARE(queue.droppedVideoFrames(), 0); // waiting for a keyframe is no network drop

        queue.push(packetAt(1066).get(), kMs, SendQueue::Kind::Video);
        queue.disconnected();
        QCOMPARE(drain(queue).video, 0); // what was queued for a dead connection is gone
    }

    void tooMuchQueuedEvenWithoutVideoMeansTheConnectionIsGone()
    {
        SendQueue queue({.congested = 500ms, .overflow = 3000ms});
        queue.connected();
        for (int i = 0; i < 100; ++i)
            queue.push(packetAt(i * 21).get(), kMs, SendQueue::Kind::Audio);
        QVERIFY(!queue.overflowed());
        for (int i = 100; i < 200; ++i)
            queue.push(packetAt(i * 21).get(), kMs, SendQueue::Kind::Audio);
        QVERIFY(queue.overflowed());
    }

    void timestampsAreHandedOutInMilliseconds()
    {
        SendQueue queue({});
        queue.connected();
        AvPacketPtr packet = packetAt(90'000, true); // 1 s in a 90 kHz time base
        queue.push(packet.get(), AVRational{1, 90'000}, SendQueue::Kind::Video);
        const auto entry = queue.pop(std::chrono::steady_clock::now());
        QVERIFY(entry);
        QCOMPARE(entry->packet->pts, 1000);
    }

    void closingHandsOutWhatIsLeftThenStopsWaiting()
    {
        SendQueue queue({});
        queue.connected();
        queue.push(packetAt(0, true).get(), kMs, SendQueue::Kind::Video);
        queue.close();
        QVERIFY(queue.pop(std::chrono::steady_clock::now() + 10s));
        QVERIFY(!queue.pop(std::chrono::steady_clock::now() + 10s)); // at once, not in 10 s
    }
};

QTEST_GUILESS_MAIN(TestSendQueue)
#include "tst_send_queue.moc"
