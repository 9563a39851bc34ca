// PaceWatch: a ladder stage is dropped when it is behind real time past the limit and not
// catching up; one working off its backlog after another was dropped is left alone.

#include "ladder/pipeline/pace_watch.h"

#include <QTest>

using nova::PaceWatch;

class TestPaceWatch : public QObject
{
    Q_OBJECT

private slots:
    void withinTheLimitNothingFalls()
    {
        PaceWatch watch(6);
        for (double behind : {0.0, 1.0, 3.0, 5.9, 6.0})
            QVERIFY(!watch.fallingBehind(behind));
    }

    void pastTheLimitAndGrowingItFalls()
    {
        PaceWatch watch(6);
        QVERIFY(!watch.fallingBehind(4));
        QVERIFY(watch.fallingBehind(6.5));
        QVERIFY(watch.fallingBehind(7.5));
        QVERIFY(watch.fallingBehind(7.5)); // not gaining either
    }

    void pastTheLimitButCatchingUpItIsLeftAlone()
    {
        PaceWatch watch(6);
        QVERIFY(watch.fallingBehind(9));
        QVERIFY(!watch.fallingBehind(8.2)); // another stage was dropped: this one recovers
        QVERIFY(!watch.fallingBehind(7.0));
        QVERIFY(watch.fallingBehind(7.4)); // and then loses ground again
    }
};

QTEST_GUILESS_MAIN(TestPaceWatch)
#include "tst_pace_watch.moc"
