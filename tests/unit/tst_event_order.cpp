// Events reach a hub by two paths and from catch-ups, so one may overtake another: the hub lets
// each stream's events through in seq order, once each, waiting a moment for a missing one.

#include "server/hub/event_order.h"

#include <QSignalSpy>
#include <QTest>

using namespace nova;

namespace {
BusEvent eventOf(const QUuid &stream, qint64 seq)
{
    return {stream, seq, QStringLiteral("stream_resumed"), QByteArray::number(seq)};
}

QList<qint64> seqs(const QSignalSpy &spy)
{
    QList<qint64> out;
    for (const QList<QVariant> &call : spy)
        out.append(call.at(0).value<BusEvent>().seq);
    return out;
}
} // namespace

class TestEventOrder : public QObject
{
    Q_OBJECT

private slots:
    void eventsInOrderGoThroughAtOnceAndRepeatsDoNot()
    {
        EventOrder order(std::chrono::hours(1));
        QSignalSpy ready(&order, &EventOrder::ready);
        const QUuid stream = QUuid::createUuid();
        order.add(eventOf(stream, 7)); // the first heard of it: no gap to wait for
        order.add(eventOf(stream, 8));
        order.add(eventOf(stream, 8));
        order.add(eventOf(stream, 6));
        QCOMPARE(seqs(ready), (QList<qint64>{7, 8}));
        QCOMPARE(order.last(stream), 8);
    }

    void anEventThatOvertookAnotherWaitsForIt()
    {
        EventOrder order(std::chrono::hours(1));
        QSignalSpy ready(&order, &EventOrder::ready);
        const QUuid stream = QUuid::createUuid();
        const QUuid other = QUuid::createUuid();
        order.add(eventOf(stream, 1));
        order.add(eventOf(stream, 4)); // 2 and 3 come by the other path, later
        order.add(eventOf(stream, 3));
        order.add(eventOf(other, 1)); // another stream is not held up
        QCOMPARE(seqs(ready), (QList<qint64>{1, 1}));
        order.add(eventOf(stream, 2));
        QCOMPARE(seqs(ready), (QList<qint64>{1, 1, 2, 3, 4}));
        QCOMPARE(order.last(stream), 4);
    }

    void aMissingEventIsWaitedForOnlyAMoment()
    {
        EventOrder order(std::chrono::milliseconds(50));
        QSignalSpy ready(&order, &EventOrder::ready);
        const QUuid stream = QUuid::createUuid();
        order.add(eventOf(stream, 1));
        order.add(eventOf(stream, 3)); // 2 never comes
        order.add(eventOf(stream, 5));
        QCOMPARE(ready.count(), 1);
        QVERIFY(ready.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 3, 5000);
        QCOMPARE(seqs(ready), (QList<qint64>{1, 3, 5}));
        order.add(eventOf(stream, 2)); // too late: the stream has gone on
        QCOMPARE(ready.count(), 3);
    }

    void aForgottenStreamStartsAfresh()
    {
        EventOrder order(std::chrono::hours(1));
        QSignalSpy ready(&order, &EventOrder::ready);
        const QUuid stream = QUuid::createUuid();
        order.add(eventOf(stream, 1));
        QCOMPARE(order.streams(), 1);
        order.forget(stream);
        QCOMPARE(order.streams(), 0);
        QCOMPARE(order.last(stream), 0);
        order.add(eventOf(stream, 9));
        QCOMPARE(seqs(ready), (QList<qint64>{1, 9}));
    }
};

QTEST_GUILESS_MAIN(TestEventOrder)
#include "tst_event_order.moc"
