// Dynamic bitrate: down to what the network takes when the send queue grows, back up in steps
// when it has drained for a while, never below its floor.

#include "broadcaster/pipeline/bitrate_controller.h"

#include <QTest>

using nova::BitrateController;
using namespace std::chrono_literals;

namespace {
// A network that takes `kbps`, fed in 100 ms steps from `start`.
struct Network
{
    BitrateController::Clock::time_point now = BitrateController::Clock::time_point(1h);
    qint64 bytes = 0;
    std::optional<BitrateController::Change> step(BitrateController &controller, int kbps,
                                                  qint64 queuedMs)
    {
        now += 100ms;
        bytes += qint64(kbps) * 1000 / 8 / 10;
        return controller.update(now, queuedMs, bytes);
    }
};
} // namespace

class TestBitrateController : public QObject
{
    Q_OBJECT

private slots:
    void aCongestedNetworkGetsWhatItTakes()
    {
        BitrateController controller(2500, 128);
        Network network;
        for (int i = 0; i < 12; ++i) // a second of a network that keeps up
            QVERIFY(!network.step(controller, 2600, 10));
        QCOMPARE(controller.targetKbps(), 2500);

        // It now takes 1 Mb/s and the queue grows past 200 ms.
        for (int i = 0; i < 10; ++i)
            network.step(controller, 1000, 20 + i * 30);
        QVERIFY(controller.targetKbps() < 2500);
        std::optional<BitrateController::Change> change;
        for (int i = 0; i < 10 && !change; ++i)
            change = network.step(controller, 1000, 400);
        QVERIFY(controller.targetKbps() <= int((1000 - 128) * 0.85) + 1);
        QVERIFY(controller.targetKbps() >= controller.lowestKbps());
        QVERIFY2(controller.reason().contains(u"the network took"),
                 qPrintable(controller.reason()));
    }

    void lowersAgainOnlyWhileTheQueueStillGrows()
    {
        BitrateController growing(4000, 128);
        Network network;
        for (int i = 0; i < 10; ++i)
            network.step(growing, 4100, 10);
        int changes = 0;
        for (int i = 0; i < 30; ++i) // three seconds, the queue growing, 600 kb/s taken
            changes += network.step(growing, 600, 300 + i * 50) ? 1 : 0;
        QVERIFY2(changes >= 2 && changes <= 3, qPrintable(QString::number(changes)));

        BitrateController draining(4000, 128);
        Network other;
        for (int i = 0; i < 10; ++i)
            other.step(draining, 4100, 10);
        changes = 0;
        for (int i = 0; i < 30; ++i) // congested, but shrinking after the first step
            changes += other.step(draining, 3000, 900 - i * 20) ? 1 : 0;
        QCOMPARE(changes, 1);
    }

    void neverBelowTheFloor()
    {
        BitrateController controller(2500, 128);
        Network network;
        for (int i = 0; i < 200; ++i)
            network.step(controller, 50, 3000 + i * 10); // next to nothing gets through
        QCOMPARE(controller.targetKbps(), controller.lowestKbps());
        QCOMPARE(controller.lowestKbps(), 250);
        QVERIFY(!network.step(controller, 50, 6000));
    }

    void backUpInStepsOnceTheQueueHasDrained()
    {
        BitrateController controller(2000, 128);
        Network network;
        for (int i = 0; i < 10; ++i)
            network.step(controller, 2100, 10);
        // At first the last second still holds the good times; a second later it knows.
        for (int i = 0; i < 20; ++i)
            network.step(controller, 900, 300 + i * 10);
        const int lowered = controller.targetKbps();
        QVERIFY2(lowered < 1000, qPrintable(QString::number(lowered)));

        // Drained: nothing for the first 5 s, then +10 % of the chosen bitrate every 5 s.
        int raises = 0;
        int previous = lowered;
        for (int i = 0; i < 50; ++i) {
            if (const auto change = network.step(controller, 2500, 5)) {
                ++raises;
                QCOMPARE(change->kbps, previous + 200);
                previous = change->kbps;
            }
        }
        QCOMPARE(raises, 0);
        QVERIFY(network.step(controller, 2500, 5)); // 5 s clear
        for (int i = 0; i < 400; ++i)
            network.step(controller, 2500, 5);
        QCOMPARE(controller.targetKbps(), 2000); // back, and no higher
        QVERIFY2(controller.reason().contains(u"back at the chosen"),
                 qPrintable(controller.reason()));
    }

    void aQueueThatWaversDoesNotRaise()
    {
        BitrateController controller(2000, 128);
        Network network;
        for (int i = 0; i < 20; ++i)
            network.step(controller, 900, 600);
        const int lowered = controller.targetKbps();
        for (int i = 0; i < 100; ++i) // clear, but every 4 s 120 ms wait again
            QVERIFY(!network.step(controller, 2000, i % 40 == 39 ? 120 : 5));
        QCOMPARE(controller.targetKbps(), lowered);
    }

    void theStreamersChoiceWins()
    {
        BitrateController controller(2000, 128);
        Network network;
        for (int i = 0; i < 20; ++i)
            network.step(controller, 900, 600);
        controller.choose(3000);
        QCOMPARE(controller.targetKbps(), 3000);
        QVERIFY(controller.reason().isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestBitrateController)
#include "tst_bitrate_controller.moc"
