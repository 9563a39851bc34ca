// What the hub's route checks read from a WebSocket upgrade request, once, for the hub to take:
// whose socket, what it missed (?since), whether it counts as a viewer, the watch page's viewer.

#include "server/hub/hub_upgrade.h"
#include "shared/api_error.h"

#include <QTest>
#include <QUrlQuery>

using namespace nova;

namespace {
const QUuid kStream = QUuid::fromString(QStringLiteral("6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b"));
const QUuid kOther = QUuid::fromString(QStringLiteral("0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d"));

QUrlQuery query(const char *text)
{
    return QUrlQuery(QString::fromLatin1(text));
}
} // namespace

class TestHubUpgrade : public QObject
{
    Q_OBJECT

private slots:
    void aViewerAsksForWhatFollowsItsLastSeq()
    {
        const HubUpgrade upgrade = HubUpgrade::viewer(kStream, query("since=41"), true);
        QCOMPARE(upgrade.kind, HubSession::Kind::Viewer);
        QCOMPARE(upgrade.stream, kStream);
        QCOMPARE(upgrade.since, (QHash<QUuid, qint64>{{kStream, 41}}));
        QVERIFY(upgrade.counted());
    }

    void aMalformedSinceAsksForNothing_data()
    {
        QTest::addColumn<QString>("since");
        QTest::newRow("negative") << QStringLiteral("since=-1");
        QTest::newRow("not a number") << QStringLiteral("since=abc");
        QTest::newRow("empty") << QStringLiteral("since=");
        QTest::newRow("the operator form")
            << QStringLiteral("since=%1:4").arg(kStream.toString(QUuid::WithoutBraces));
    }
    void aMalformedSinceAsksForNothing()
    {
        QFETCH(QString, since);
        QVERIFY(HubUpgrade::viewer(kStream, QUrlQuery(since), true).since.isEmpty());
    }

    void aStreamsSocketOpenedWithATokenIsNotCountedAsAViewer()
    {
        const HubUpgrade upgrade = HubUpgrade::viewer(kStream, {}, false);
        QCOMPARE(upgrade.kind, HubSession::Kind::Viewer);
        QVERIFY(!upgrade.counted());
    }

    void theWatchPagesViewerNameIsKeptAndABadOneRefused()
    {
        const QByteArray name = "page_viewer-0123456789";
        QCOMPARE(HubUpgrade::viewer(kStream, QUrlQuery("viewer=" + QString::fromLatin1(name)), true)
                     .viewerId,
                 name);
        try {
            HubUpgrade::viewer(kStream, query("viewer=short"), true);
            QFAIL("a viewer name of five letters was taken");
        } catch (const ApiError &error) {
            QCOMPARE(error.status(), 400);
            QCOMPARE(error.code(), QStringLiteral("invalid_query"));
        }
    }

    void anOperatorAsksPerStreamAndMalformedItemsAreLeftOut()
    {
        const QString text =
            QStringLiteral("since=%1:7,garbage,%2:-3,:5,%2:12")
                .arg(kStream.toString(QUuid::WithoutBraces), kOther.toString(QUuid::WithoutBraces));
        const HubUpgrade upgrade = HubUpgrade::operatorFeed(QUrlQuery(text));
        QCOMPARE(upgrade.kind, HubSession::Kind::Operator);
        QVERIFY(upgrade.stream.isNull());
        QVERIFY(!upgrade.counted());
        QCOMPARE(upgrade.since, (QHash<QUuid, qint64>{{kStream, 7}, {kOther, 12}}));
    }

    void anOperatorsReplayCoversAtMostAHundredStreams()
    {
        QStringList items;
        for (int i = 0; i < 150; ++i)
            items.append(QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(":1"));
        const HubUpgrade upgrade =
            HubUpgrade::operatorFeed(QUrlQuery(QStringLiteral("since=") + items.join(u',')));
        QCOMPARE(upgrade.since.size(), 100);
    }
};

QTEST_GUILESS_MAIN(TestHubUpgrade)
#include "tst_hub_upgrade.moc"
