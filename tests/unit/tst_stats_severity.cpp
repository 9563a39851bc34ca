// The stats' warning colours come at OBS Studio's thresholds: dropped frames over 1 % warn and
// over 5 % are an error; a frame rate under 95 % of the target warns and under 80 % is an error.

#include "broadcaster/ui/stats_severity.h"

#include <QTest>

using namespace nova;

Q_DECLARE_METATYPE(nova::Severity)

class TestStatsSeverity : public QObject
{
    Q_OBJECT

private slots:
    void droppedFrames_data()
    {
        QTest::addColumn<double>("percent");
        QTest::addColumn<Severity>("severity");
        QTest::addRow("none") << 0.0 << Severity::Normal;
        QTest::addRow("1 percent") << 1.0 << Severity::Normal;
        QTest::addRow("just over 1 percent") << 1.1 << Severity::Warning;
        QTest::addRow("5 percent") << 5.0 << Severity::Warning;
        QTest::addRow("just over 5 percent") << 5.1 << Severity::Error;
        QTest::addRow("all") << 100.0 << Severity::Error;
    }
    void droppedFrames()
    {
        QFETCH(double, percent);
        QFETCH(Severity, severity);
        QCOMPARE(droppedFramesSeverity(percent), severity);
    }

    void frameRate_data()
    {
        QTest::addColumn<double>("fps");
        QTest::addColumn<int>("target");
        QTest::addColumn<Severity>("severity");
        QTest::addRow("on target") << 30.0 << 30 << Severity::Normal;
        QTest::addRow("95 percent") << 28.5 << 30 << Severity::Normal;
        QTest::addRow("under 95 percent") << 28.4 << 30 << Severity::Warning;
        QTest::addRow("80 percent") << 24.0 << 30 << Severity::Warning;
        QTest::addRow("under 80 percent") << 23.9 << 30 << Severity::Error;
        QTest::addRow("60 fps, under 80 percent") << 47.0 << 60 << Severity::Error;
        QTest::addRow("no target yet") << 0.0 << 0 << Severity::Normal;
    }
    void frameRate()
    {
        QFETCH(double, fps);
        QFETCH(int, target);
        QFETCH(Severity, severity);
        QCOMPARE(frameRateSeverity(fps, target), severity);
    }

    void warningsAndErrorsHaveDistinctColours()
    {
        QVERIFY(!severityColour(Severity::Normal).isValid());
        QVERIFY(severityColour(Severity::Warning).isValid());
        QVERIFY(severityColour(Severity::Error) != severityColour(Severity::Warning));
    }
};

QTEST_GUILESS_MAIN(TestStatsSeverity)
#include "tst_stats_severity.moc"
