// What a reconnecting client is sent: from this replica's history, or Redis's, or a notice that
// some events are gone.

#include "server/hub/event_history.h"
#include "server/hub/replay_plan.h"

#include <QTest>

using namespace nova;

namespace {
QList<BusEvent> events(qint64 from, qint64 to)
{
    QList<BusEvent> out;
    for (qint64 seq = from; seq <= to; ++seq)
        out.append({QUuid(), seq, QStringLiteral("stream_metrics"), QByteArray::number(seq)});
    return out;
}

QList<qint64> seqs(const QList<BusEvent> &list)
{
    QList<qint64> out;
    for (const BusEvent &event : list)
        out.append(event.seq);
    return out;
}
} // namespace

class TestReplay : public QObject
{
    Q_OBJECT

private slots:
    void plans_data()
    {
        QTest::addColumn<qint64>("oldest");
        QTest::addColumn<qint64>("newest");
        QTest::addColumn<qint64>("since");
        QTest::addColumn<qint64>("latest");
        QTest::addColumn<bool>("gap");
        QTest::addColumn<QList<qint64>>("sent");
        QTest::addRow("missed a few") << qint64(1) << qint64(10) << qint64(7) << qint64(10) << false
                                      << QList<qint64>{8, 9, 10};
        QTest::addRow("up to date")
            << qint64(1) << qint64(10) << qint64(10) << qint64(10) << false << QList<qint64>{};
        QTest::addRow("just at the edge") << qint64(5) << qint64(10) << qint64(4) << qint64(10)
                                          << false << QList<qint64>{5, 6, 7, 8, 9, 10};
        QTest::addRow("older than kept") << qint64(5) << qint64(10) << qint64(2) << qint64(10)
                                         << true << QList<qint64>{5, 6, 7, 8, 9, 10};
        QTest::addRow("nothing kept, nothing new")
            << qint64(0) << qint64(-1) << qint64(10) << qint64(10) << false << QList<qint64>{};
        QTest::addRow("nothing kept, something new")
            << qint64(0) << qint64(-1) << qint64(10) << qint64(12) << true << QList<qint64>{};
    }
    void plans()
    {
        QFETCH(qint64, oldest);
        QFETCH(qint64, newest);
        QFETCH(qint64, since);
        QFETCH(qint64, latest);
        QFETCH(bool, gap);
        QFETCH(QList<qint64>, sent);
        const ReplayPlan plan = ReplayPlan::make(events(oldest, newest), since, latest);
        QCOMPARE(plan.gap, gap);
        QCOMPARE(seqs(plan.events), sent);
        if (gap)
            QVERIFY(plan.oldestSeq > since + 1);
    }

    void aHoleIsSaidAndOnlyTheWholeRunAfterItIsSent()
    {
        // 4 and 5 went by another path and are not kept here.
        QList<BusEvent> history = events(1, 3) + events(6, 9);
        const ReplayPlan plan = ReplayPlan::make(history, 1, 9);
        QVERIFY(plan.gap);
        QCOMPARE(seqs(plan.events), (QList<qint64>{6, 7, 8, 9}));
        QCOMPARE(plan.oldestSeq, qint64(6));
    }

    void twoHistoriesTogetherFillEachOthersHoles()
    {
        // Redis's list lacks 4 and 5, this replica's memory has them (and repeats 6).
        QList<BusEvent> history = events(1, 3) + events(6, 9) + events(4, 6);
        const ReplayPlan plan = ReplayPlan::make(history, 2, 9);
        QVERIFY(!plan.gap);
        QCOMPARE(seqs(plan.events), (QList<qint64>{3, 4, 5, 6, 7, 8, 9}));
    }

    void missingNewestEventsSendNothingButTheNotice()
    {
        // Seen up to 12 but only 10 kept: what follows the replay would skip 11 and 12.
        const ReplayPlan plan = ReplayPlan::make(events(1, 10), 5, 12);
        QVERIFY(plan.gap);
        QVERIFY(plan.events.isEmpty());
        QCOMPARE(plan.oldestSeq, qint64(13));
    }

    void aReplayLargerThanItsBudgetSendsTheNewestThatFit()
    {
        QList<BusEvent> history;
        for (qint64 seq = 1; seq <= 100; ++seq)
            history.append({QUuid(), seq, QStringLiteral("stream_metrics"), QByteArray(100, 'x')});
        const ReplayPlan plan = ReplayPlan::make(history, 0, 100, 1000);
        QVERIFY(plan.gap); // said, not silently cut
        QCOMPARE(seqs(plan.events), (QList<qint64>{91, 92, 93, 94, 95, 96, 97, 98, 99, 100}));
        QCOMPARE(plan.oldestSeq, qint64(91));
        // Within the budget, all of it.
        QVERIFY(!ReplayPlan::make(history, 90, 100, 1000).gap);
    }

    void theLocalHistoryKnowsWhenItCannotAnswer()
    {
        EventHistory history;
        const QUuid stream = QUuid::createUuid();
        QVERIFY(!history.after(stream, 0)); // never seen: ask Redis
        for (qint64 seq = 1; seq <= qint64(EventHistory::kPerStream) + 10; ++seq)
            history.add(stream, seq, QByteArray::number(seq));
        QVERIFY(!history.after(stream, 5)); // 6.. dropped out
        const auto recent = history.after(stream, qint64(EventHistory::kPerStream));
        QVERIFY(recent);
        QCOMPARE(recent->size(), 10);
        QCOMPARE(recent->first().seq, qint64(EventHistory::kPerStream) + 1);
        QVERIFY(history.after(stream, 10'000)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
