// The lifecycle table: every (status, event) pair, legal and illegal.

#include "shared/stream_lifecycle.h"

#include <QTest>

using nova::StreamEvent;
using nova::StreamStatus;

Q_DECLARE_METATYPE(StreamStatus)
Q_DECLARE_METATYPE(StreamEvent)

class TestStreamLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void nextStatus_data()
    {
        QTest::addColumn<StreamStatus>("from");
        QTest::addColumn<StreamEvent>("event");
        QTest::addColumn<bool>("legal");
        QTest::addColumn<StreamStatus>("to");

        using S = StreamStatus;
        using E = StreamEvent;
        QTest::addRow("pending, publish -> active")
            << S::Pending << E::Publish << true << S::Active;
        QTest::addRow("active, publish (a newer publisher) -> active")
            << S::Active << E::Publish << true << S::Active;
        QTest::addRow("reconnecting, publish (resumed) -> active")
            << S::Reconnecting << E::Publish << true << S::Active;
        QTest::addRow("completed, publish: refused")
            << S::Completed << E::Publish << false << S::Completed;
        QTest::addRow("failed, publish: refused") << S::Failed << E::Publish << false << S::Failed;

        QTest::addRow("active, publish_done -> reconnecting")
            << S::Active << E::PublishDone << true << S::Reconnecting;
        QTest::addRow("pending, publish_done: nothing to interrupt")
            << S::Pending << E::PublishDone << false << S::Pending;
        QTest::addRow("reconnecting, publish_done: already interrupted")
            << S::Reconnecting << E::PublishDone << false << S::Reconnecting;
        QTest::addRow("completed, publish_done: already ended")
            << S::Completed << E::PublishDone << false << S::Completed;
        QTest::addRow("failed, publish_done: already ended")
            << S::Failed << E::PublishDone << false << S::Failed;

        QTest::addRow("reconnecting, grace expired -> completed")
            << S::Reconnecting << E::GraceExpired << true << S::Completed;
        QTest::addRow("active, grace expired: the publisher is back")
            << S::Active << E::GraceExpired << false << S::Active;
        QTest::addRow("pending, grace expired: never live")
            << S::Pending << E::GraceExpired << false << S::Pending;
        QTest::addRow("completed, grace expired: already ended")
            << S::Completed << E::GraceExpired << false << S::Completed;

        QTest::addRow("pending, end -> completed") << S::Pending << E::End << true << S::Completed;
        QTest::addRow("active, end -> completed") << S::Active << E::End << true << S::Completed;
        QTest::addRow("reconnecting, end -> completed at once")
            << S::Reconnecting << E::End << true << S::Completed;
        QTest::addRow("completed, end: final") << S::Completed << E::End << false << S::Completed;
        QTest::addRow("failed, end: final") << S::Failed << E::End << false << S::Failed;

        QTest::addRow("pending, fail -> failed") << S::Pending << E::Fail << true << S::Failed;
        QTest::addRow("active, fail -> failed") << S::Active << E::Fail << true << S::Failed;
        QTest::addRow("reconnecting, fail -> failed")
            << S::Reconnecting << E::Fail << true << S::Failed;
        QTest::addRow("completed, fail: final") << S::Completed << E::Fail << false << S::Completed;
        QTest::addRow("failed, fail: final") << S::Failed << E::Fail << false << S::Failed;
    }
    void nextStatus()
    {
        QFETCH(StreamStatus, from);
        QFETCH(StreamEvent, event);
        QFETCH(bool, legal);
        QFETCH(StreamStatus, to);
        const auto next = nova::nextStatus(from, event);
        QCOMPARE(next.has_value(), legal);
        if (legal)
            QCOMPARE(nova::toString(*next), nova::toString(to));
    }

    void statusNamesRoundTrip_data()
    {
        QTest::addColumn<StreamStatus>("status");
        QTest::addColumn<QString>("name");
        QTest::addRow("pending") << StreamStatus::Pending << QStringLiteral("PENDING");
        QTest::addRow("active") << StreamStatus::Active << QStringLiteral("ACTIVE");
        QTest::addRow("reconnecting")
            << StreamStatus::Reconnecting << QStringLiteral("RECONNECTING");
        QTest::addRow("completed") << StreamStatus::Completed << QStringLiteral("COMPLETED");
        QTest::addRow("failed") << StreamStatus::Failed << QStringLiteral("FAILED");
    }
    void statusNamesRoundTrip()
    {
        QFETCH(StreamStatus, status);
        QFETCH(QString, name);
        QCOMPARE(nova::toString(status), name);
        QVERIFY(nova::parseStreamStatus(name) == status);
        QVERIFY(nova::parseStreamStatus(name.toLower()) == status);
    }

    void unknownStatusNamesAreRejected()
    {
        QVERIFY(!nova::parseStreamStatus(u""));
        QVERIFY(!nova::parseStreamStatus(u"LIVE"));
        QVERIFY(!nova::parseStreamStatus(u"ACTIVE "));
    }
};

QTEST_GUILESS_MAIN(TestStreamLifecycle)
#include "tst_stream_lifecycle.moc"
