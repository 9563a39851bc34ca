// The ladder's plan: which tiers a source gets (only those below it, never at more bits than the
// source has), and the tiers setting read as an operator writes it.

#include "ladder/plan/ladder_plan.h"

#include <QTest>

using nova::defaultTiers;
using nova::parseTiers;
using nova::planLadder;
using nova::SourcePicture;
using nova::Tier;
using nova::Variant;

namespace {
QStringList namesOf(const QList<Variant> &variants)
{
    QStringList names;
    for (const Variant &variant : variants)
        names.append(variant.name);
    return names;
}
} // namespace

class TestLadderPlan : public QObject
{
    Q_OBJECT

private slots:
    void aSourceGetsTheTiersBelowIt_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QStringList>("variants");
        QTest::newRow("360p: the source alone") << 640 << 360 << QStringList{"source"};
        QTest::newRow("480p: no tier at its own height") << 854 << 480 << QStringList{"source"};
        QTest::newRow("720p") << 1280 << 720 << QStringList{"source", "480p"};
        QTest::newRow("1080p") << 1920 << 1080 << QStringList{"source", "720p", "480p"};
        QTest::newRow("1440p") << 2560 << 1440 << QStringList{"source", "1080p", "720p", "480p"};
        QTest::newRow("unknown size: served as it is") << 0 << 0 << QStringList{"source"};
    }
    void aSourceGetsTheTiersBelowIt()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QStringList, variants);
        const QList<Variant> plan = planLadder({width, height, 6'000'000}, defaultTiers());
        QCOMPARE(namesOf(plan), variants);
        QVERIFY(plan.first().copied);
        for (qsizetype i = 1; i < plan.size(); ++i)
            QVERIFY(!plan[i].copied);
    }

    void renditionsKeepTheSourcesShapeInEvenSizes()
    {
        const QList<Variant> wide = planLadder({1920, 1080, 0}, defaultTiers());
        QCOMPARE(wide[1], (Variant{"720p", 1280, 720, 3'000'000, false}));
        QCOMPARE(wide[2], (Variant{"480p", 854, 480, 1'500'000, false}));
        // 4:3 at 960x720: 480p is 640 wide, not 854.
        const QList<Variant> square = planLadder({960, 720, 0}, defaultTiers());
        QCOMPARE(square[1].width, 640);
        const QList<Variant> portrait = planLadder({1080, 1920, 0}, defaultTiers());
        QCOMPARE(portrait[1], (Variant{"1080p", 608, 1080, 5'000'000, false}));
    }

    void noRenditionHasMoreBitsThanTheSource()
    {
        // A 1080p source sent at 2.5 Mb/s: 720p would otherwise be made at 3 Mb/s.
        const QList<Variant> plan = planLadder({1920, 1080, 2'500'000}, defaultTiers());
        QCOMPARE(plan[0].bitsPerSecond, 2'500'000);
        QCOMPARE(plan[1].bitsPerSecond, 2'500'000);
        QCOMPARE(plan[2].bitsPerSecond, 1'500'000);
    }

    void tiersInAnyOrderComeOutTallestFirst()
    {
        const QList<Variant> plan =
            planLadder({1920, 1080, 0}, {{480, 1'500'000}, {720, 3'000'000}});
        QCOMPARE(namesOf(plan), (QStringList{"source", "720p", "480p"}));
    }

    void theTiersSettingIsRead()
    {
        QString error;
        QCOMPARE(parseTiers(u"1080p:5000k,720p:3M,480p:1.5M", &error), defaultTiers());
        // The earlier WIDTHxHEIGHT form still reads: the height names the tier.
        QCOMPARE(parseTiers(u"854x480:1200k, 640x360:700k", &error),
                 (QList<Tier>{{480, 1'200'000}, {360, 700'000}}));
        QCOMPARE(parseTiers(u"", &error), QList<Tier>{}); // the source alone
        QCOMPARE(nova::describeTiers(defaultTiers()), "1080p:5000k,720p:3000k,480p:1500k");
    }

    void aBadTiersSettingSaysWhatIsWrong_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("says");
        QTest::newRow("no rate") << "720p"
                                 << "'720p' is not a tier";
        QTest::newRow("odd height") << "721p:3000k"
                                    << "must be even";
        QTest::newRow("too tall") << "8640p:3000k"
                                  << "must be even, 16 to 4320";
        QTest::newRow("zero rate") << "720p:0k"
                                   << "64k to 100M";
        QTest::newRow("huge rate") << "720p:900M"
                                   << "64k to 100M";
        QTest::newRow("twice") << "720p:3000k,720p:2000k"
                               << "720p is given twice";
        QTest::newRow("junk") << "720p:3000k;480p:1M"
                              << "is not a tier";
        QTest::newRow("empty part") << "720p:3000k,,"
                                    << "'' is not a tier";
    }
    void aBadTiersSettingSaysWhatIsWrong()
    {
        QFETCH(QString, setting);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parseTiers(setting, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestLadderPlan)
#include "tst_ladder_plan.moc"
