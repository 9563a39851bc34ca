// StreamCache: trusted only while changes are heard, newest revision wins, and a read that began
// before a gap is never stored.

#include "server/store/stream_change_listener.h"
#include "server/streams/stream_cache.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace nova;

namespace {
StreamRecord record(const QUuid &id, StreamStatus status, qint64 revision)
{
    StreamRecord r;
    r.stream.id = id;
    r.stream.status = status;
    r.stream.title = QStringLiteral("t");
    r.revision = revision;
    return r;
}
} // namespace

class TestStreamCache : public QObject
{
    Q_OBJECT

private slots:
    void untrustedServesAndStoresNothing()
    {
        StreamCache cache;
        const QUuid id = QUuid::createUuid();
        cache.store(record(id, StreamStatus::Pending, 0), cache.epoch());
        cache.apply(record(id, StreamStatus::Pending, 0));
        QVERIFY(!cache.lookup(id));
        QCOMPARE(cache.size(), 0);
    }

    void theNewestRevisionWins()
    {
        StreamCache cache;
        cache.setTrusted(true);
        const QUuid id = QUuid::createUuid();
        cache.apply(record(id, StreamStatus::Active, 1));
        cache.store(record(id, StreamStatus::Pending, 0), cache.epoch()); // an older read
        QVERIFY(cache.lookup(id)->status == StreamStatus::Active);
        cache.apply(record(id, StreamStatus::Completed, 2));
        QVERIFY(cache.lookup(id)->status == StreamStatus::Completed);
    }

    void aReadFromBeforeAGapIsNotStored()
    {
        StreamCache cache;
        cache.setTrusted(true);
        const QUuid id = QUuid::createUuid();
        const quint64 before = cache.epoch();
        cache.setTrusted(false); // the listener lost its connection...
        cache.setTrusted(true);  // ...and came back: changes in between were never heard
        cache.store(record(id, StreamStatus::Active, 3), before);
        QVERIFY(!cache.lookup(id));
        cache.store(record(id, StreamStatus::Active, 3), cache.epoch());
        QVERIFY(cache.lookup(id));
    }

    void losingTheListenerEmptiesTheCache()
    {
        StreamCache cache;
        cache.setTrusted(true);
        const QUuid id = QUuid::createUuid();
        cache.apply(record(id, StreamStatus::Active, 1));
        cache.setTrusted(false);
        QVERIFY(!cache.lookup(id));
        cache.setTrusted(true);
        QVERIFY(!cache.lookup(id));
    }

    void capacityIsBounded()
    {
        StreamCache cache(100);
        cache.setTrusted(true);
        for (int i = 0; i < 1000; ++i)
            cache.apply(record(QUuid::createUuid(), StreamStatus::Active, 0));
        QVERIFY(cache.size() <= 100);
    }

    void changePayloads_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("valid");
        QJsonObject fields{{"id", QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {"title", "x"},
                           {"status", "ACTIVE"},
                           {"created_at_ms", qint64(1795000000000)},
                           {"started_at_ms", qint64(1795000001000)},
                           {"ended_at_ms", QJsonValue::Null},
                           {"peak_viewers", 3},
                           {"revision", 4}};
        const auto json = [](const QJsonObject &object) { return QJsonDocument(object).toJson(); };
        QTest::addRow("as the trigger sends it") << json(fields) << true;
        QJsonObject noRevision = fields;
        noRevision.remove("revision");
        QTest::addRow("no revision") << json(noRevision) << false;
        QJsonObject unknownStatus = fields;
        unknownStatus["status"] = "LIVE";
        QTest::addRow("unknown status") << json(unknownStatus) << false;
        QJsonObject badId = fields;
        badId["id"] = "x";
        QTest::addRow("bad id") << json(badId) << false;
        QTest::addRow("not json") << QByteArray("nope") << false;
    }
    void changePayloads()
    {
        QFETCH(QByteArray, payload);
        QFETCH(bool, valid);
        const auto parsed = StreamChangeListener::parsePayload(payload);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QVERIFY(parsed->stream.status == StreamStatus::Active);
            QCOMPARE(parsed->revision, 4);
            QCOMPARE(parsed->stream.peakViewers, 3);
            QVERIFY(parsed->stream.startedAt.isValid());
            QVERIFY(!parsed->stream.endedAt.isValid());
        }
    }
};

QTEST_GUILESS_MAIN(TestStreamCache)
#include "tst_stream_cache.moc"
