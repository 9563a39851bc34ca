// One address may report only so many different viewers at once; a viewer keeps its place while
// it reports and gives it up when it leaves or goes quiet; the memory it takes stays bounded.

#include "server/viewers/viewers_per_address.h"

#include <QTest>

using namespace nova;

class TestViewersPerAddress : public QObject
{
    Q_OBJECT

private slots:
    void anAddressNamesOnlySoManyViewers()
    {
        ViewersPerAddress limit(3, std::chrono::seconds(30));
        QVERIFY(limit.admit("198.51.100.7", "viewer-a", 0));
        QVERIFY(limit.admit("198.51.100.7", "viewer-b", 0));
        QVERIFY(limit.admit("198.51.100.7", "viewer-c", 0));
        QVERIFY(!limit.admit("198.51.100.7", "viewer-d", 1000));
        // Those it holds go on reporting; another address is not affected.
        QVERIFY(limit.admit("198.51.100.7", "viewer-a", 5000));
        QVERIFY(limit.admit("203.0.113.9", "viewer-d", 5000));
    }

    void aViewerThatLeavesOrGoesQuietGivesItsPlaceBack()
    {
        ViewersPerAddress limit(2, std::chrono::seconds(30));
        QVERIFY(limit.admit("198.51.100.7", "viewer-a", 0));
        QVERIFY(limit.admit("198.51.100.7", "viewer-b", 20'000));
        QVERIFY(!limit.admit("198.51.100.7", "viewer-c", 25'000));
        limit.leave("198.51.100.7", "viewer-b");
        QVERIFY(limit.admit("198.51.100.7", "viewer-c", 25'000));
        // viewer-a's last report was 31 s ago: its place is free.
        QVERIFY(limit.admit("198.51.100.7", "viewer-d", 31'000));
        QVERIFY(!limit.admit("198.51.100.7", "viewer-e", 31'000));
    }

    void theAddressesTrackedStayBounded()
    {
        ViewersPerAddress limit(5, std::chrono::seconds(30), 2);
        QVERIFY(limit.admit("198.51.100.1", "viewer-a", 0));
        QVERIFY(limit.admit("198.51.100.2", "viewer-a", 0));
        QVERIFY(!limit.admit("198.51.100.3", "viewer-a", 1000));  // both still report
        QVERIFY(limit.admit("198.51.100.3", "viewer-a", 40'000)); // the others went quiet
        QVERIFY(limit.addresses() <= 2);
    }
};

QTEST_GUILESS_MAIN(TestViewersPerAddress)
#include "tst_viewers_per_address.moc"
