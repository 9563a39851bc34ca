// HistoryQuery: ?from&to&step of a stream's metrics, defaults and refusals.

#include "server/streams/history_query.h"
#include "shared/api_error.h"
#include "shared/qt_compat.h"

#include <QTest>

using nova::HistoryQuery;

namespace {
const QDateTime kNow = nova::utcDateTime(QDate(2026, 11, 22), QTime(12, 0));
}

class TestHistoryQuery : public QObject
{
    Q_OBJECT

private slots:
    void defaultsToTheLastHour()
    {
        const auto query = HistoryQuery::parse(QUrlQuery(), kNow);
        QCOMPARE(query.to, kNow);
        QCOMPARE(query.from, kNow.addSecs(-3600));
        QCOMPARE(query.step, std::chrono::seconds(5));
    }

    void accepted_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<qint64>("rangeSeconds");
        QTest::addColumn<qint64>("step");
        QTest::addRow("rfc 3339") << "from=2026-11-22T11:00:00Z&to=2026-11-22T11:30:00Z&step=10"
                                  << qint64(1800) << qint64(10);
        QTest::addRow("offset time")
            << "from=2026-11-22T12:00:00%2B01:00&to=2026-11-22T11:10:00Z&step=1m" << qint64(600)
            << qint64(60);
        QTest::addRow("unix seconds")
            << "from=1795345200&to=1795348800&step=1h" << qint64(3600) << qint64(3600);
        QTest::addRow("a day, default step")
            << "from=2026-11-21T12:00:00Z" << qint64(86400) << qint64(120);
        QTest::addRow("minutes step") << "step=5m" << qint64(3600) << qint64(300);
    }
    void accepted()
    {
        QFETCH(QString, query);
        QFETCH(qint64, rangeSeconds);
        QFETCH(qint64, step);
        const auto parsed = HistoryQuery::parse(QUrlQuery(query), kNow);
        QCOMPARE(parsed.from.secsTo(parsed.to), rangeSeconds);
        QCOMPARE(qint64(parsed.step.count()), step);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addRow("from after to") << "from=2026-11-22T12:00:00Z&to=2026-11-22T11:00:00Z";
        QTest::addRow("from equals to") << "from=1795345200&to=1795345200";
        QTest::addRow("from words") << "from=yesterday";
        QTest::addRow("local time without offset") << "from=2026-11-22T11:00:00";
        QTest::addRow("step zero") << "step=0";
        QTest::addRow("step negative") << "step=-5";
        QTest::addRow("step unit unknown") << "step=5d";
        QTest::addRow("step fraction") << "step=1.5";
        QTest::addRow("too many points") << "from=2020-01-01T00:00:00Z&step=1";
    }
    void refused()
    {
        QFETCH(QString, query);
        try {
            HistoryQuery::parse(QUrlQuery(query), kNow);
            QFAIL("expected a 400");
        } catch (const nova::ApiError &error) {
            QCOMPARE(error.status(), 400);
            QCOMPARE(error.code(), QStringLiteral("invalid_query"));
        }
    }
};

QTEST_GUILESS_MAIN(TestHistoryQuery)
#include "tst_history_query.moc"
