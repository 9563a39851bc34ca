// EndedStreamJanitor: an ended stream is forgotten by every part that registered, once its linger
// has passed, and not before; streams are forgotten in the order they ended.

#include "server/streams/ended_stream_janitor.h"

#include <QSignalSpy>
#include <QTest>

using nova::EndedStreamJanitor;
using namespace std::chrono_literals;

class TestEndedStreamJanitor : public QObject
{
    Q_OBJECT

private slots:
    void anEndedStreamIsForgottenByEveryPartAfterItsLinger()
    {
        EndedStreamJanitor janitor(2min);
        QList<QUuid> hub;
        QList<QUuid> bus;
        janitor.addForgetter([&](const QUuid &id) { hub.append(id); });
        janitor.addForgetter([&](const QUuid &id) { bus.append(id); });
        const auto t0 = EndedStreamJanitor::Clock::time_point{} + 1h;
        const QUuid first = QUuid::createUuid();
        const QUuid second = QUuid::createUuid();
        janitor.streamEnded(first, t0);
        janitor.streamEnded(second, t0 + 30s);
        QCOMPARE(janitor.waiting(), 2);

        QCOMPARE(janitor.sweep(t0 + 119s), 0); // still lingering: late viewers may ask
        QVERIFY(hub.isEmpty());
        QCOMPARE(janitor.sweep(t0 + 2min), 1);
        QCOMPARE(hub, QList<QUuid>{first});
        QCOMPARE(bus, QList<QUuid>{first});
        QCOMPARE(janitor.sweep(t0 + 10min), 1);
        QCOMPARE(hub, (QList<QUuid>{first, second}));
        QCOMPARE(janitor.waiting(), 0);
        QCOMPARE(janitor.sweep(t0 + 20min), 0); // forgotten once
    }

    void manyEndedStreamsCostOnlyWhatIsDue()
    {
        EndedStreamJanitor janitor(1min);
        int forgotten = 0;
        janitor.addForgetter([&](const QUuid &) { ++forgotten; });
        const auto t0 = EndedStreamJanitor::Clock::time_point{} + 1h;
        for (int i = 0; i < 10'000; ++i)
            janitor.streamEnded(QUuid::createUuid(), t0 + std::chrono::milliseconds(i));
        QCOMPARE(janitor.sweep(t0 + 1min + 4999ms), 5000);
        QCOMPARE(forgotten, 5000);
        QCOMPARE(janitor.waiting(), 5000);
    }

    void aSweepThatForgotSaysHowMany()
    {
        EndedStreamJanitor janitor(1min);
        QSignalSpy swept(&janitor, &EndedStreamJanitor::swept);
        const auto t0 = EndedStreamJanitor::Clock::time_point{} + 1h;
        janitor.streamEnded(QUuid::createUuid(), t0);
        janitor.streamEnded(QUuid::createUuid(), t0 + 1s);
        janitor.sweep(t0 + 30s); // nothing due: nothing to hand back
        QCOMPARE(swept.count(), 0);
        janitor.sweep(t0 + 2min);
        QCOMPARE(swept.count(), 1);
        QCOMPARE(swept.at(0).at(0).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestEndedStreamJanitor)
#include "tst_ended_stream_janitor.moc"
