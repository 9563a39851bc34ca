// The API's stream JSON: the documented fields, and back again as a client reads them.

#include "shared/qt_compat.h"
#include "shared/stream_json.h"

#include <QJsonArray>
#include <QTest>

using namespace nova;

class TestStreamJson : public QObject
{
    Q_OBJECT

private slots:
    void aStreamHasTheDocumentedFields()
    {
        Stream stream;
        stream.id = QUuid::createUuid();
        stream.title = QStringLiteral("Morning show");
        stream.status = StreamStatus::Active;
        stream.createdAt = utcDateTime(QDate(2026, 11, 22), QTime(9, 0, 0, 5));
        stream.startedAt = stream.createdAt.addSecs(10);
        stream.hlsUrl = QUrl(QStringLiteral("http://127.0.0.1:8088/hls/x/index.m3u8"));
        stream.peakViewers = 7;
        stream.owner = QUuid::createUuid();
        stream.ingest = QStringLiteral("ingest-2");
        const QJsonObject json = toJson(stream, stream.startedAt.addSecs(95));

        const char *fields[] = {
            "id",           "title",      "status",     "owner",    "viewer_count",
            "peak_viewers", "created_at", "started_at", "ended_at", "duration_seconds",
            "hls_url",      "watch_url",  "playable",   "ingest"};
        QCOMPARE(json.keys().size(), qsizetype(std::size(fields)));
        for (const char *field : fields)
            QVERIFY2(json.contains(QLatin1StringView(field)), field);
        QCOMPARE(json.value(u"status").toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(json.value(u"created_at").toString(), QStringLiteral("2026-11-22T09:00:00.005Z"));
        QVERIFY(json.value(u"ended_at").isNull());
        QCOMPARE(json.value(u"duration_seconds").toInteger(), 95);
        QVERIFY(!json.contains(u"stream_key"));
        QCOMPARE(json.value(u"playable").toBool(), false); // its HLS is not there yet

        const auto back = streamFromJson(json);
        QVERIFY(back);
        QCOMPARE(back->id, stream.id);
        QVERIFY(back->status == stream.status);
        QCOMPARE(back->createdAt, stream.createdAt);
        QCOMPARE(back->peakViewers, 7);
        QCOMPARE(back->ingest, QStringLiteral("ingest-2"));
        // Before any publisher, no node holds it.
        stream.ingest.clear();
        QVERIFY(toJson(stream, stream.startedAt).value(u"ingest").isNull());
    }

    void aLiveStreamIsPlayableOnceItsHlsIsThere()
    {
        Stream stream;
        stream.id = QUuid::createUuid();
        stream.status = StreamStatus::Active;
        stream.createdAt = utcDateTime(QDate(2026, 11, 22), QTime(9, 0));
        stream.startedAt = stream.createdAt.addSecs(10);
        stream.playableAt = stream.startedAt.addMSecs(2400);
        stream.watchUrl = QUrl(QStringLiteral("http://127.0.0.1:8088/watch/x"));
        QJsonObject json = toJson(stream, stream.startedAt.addSecs(5));
        QCOMPARE(json.value(u"playable").toBool(), true);
        QCOMPARE(json.value(u"watch_url").toString(),
                 QStringLiteral("http://127.0.0.1:8088/watch/x"));
        QVERIFY(streamFromJson(json)->playable());

        // A reconnecting stream stays playable: its playlist is there and goes on.
        stream.status = StreamStatus::Reconnecting;
        QCOMPARE(toJson(stream, stream.startedAt).value(u"playable").toBool(), true);
        // An ended one is not, whatever it once was.
        stream.status = StreamStatus::Completed;
        stream.endedAt = stream.startedAt.addSecs(60);
        json = toJson(stream, stream.endedAt);
        QCOMPARE(json.value(u"playable").toBool(), false);
        QVERIFY(!streamFromJson(json)->playable());
    }

    void aCreatedStreamCarriesItsKeyOnce()
    {
        CreatedStream created;
        created.stream.id = QUuid::createUuid();
        created.stream.title = QStringLiteral("t");
        created.stream.createdAt = QDateTime::currentDateTimeUtc();
        created.streamKey = QStringLiteral("nvk_secret");
        created.rtmpUrl = QUrl(QStringLiteral("rtmp://127.0.0.1:1935/live"));
        const QJsonObject json = toJson(created);
        for (const char *field :
             {"id", "title", "status", "stream_key", "rtmp_url", "hls_url", "created_at"})
            QVERIFY2(json.contains(QLatin1StringView(field)), field);
        const auto back = createdStreamFromJson(json);
        QVERIFY(back);
        QCOMPARE(back->streamKey, created.streamKey);
        QVERIFY(!json.value(u"rtmp_url").toString().contains(created.streamKey));
        // A server of one node answers no list: the client's list is that one URL.
        QCOMPARE(back->rtmpUrls, QList<QUrl>{created.rtmpUrl});
    }

    void aCreatedStreamListsEveryIngestNodeTheFirstOneFirst()
    {
        CreatedStream created;
        created.stream.id = QUuid::createUuid();
        created.stream.createdAt = QDateTime::currentDateTimeUtc();
        created.streamKey = QStringLiteral("nvk_secret");
        const QUrl one(QStringLiteral("rtmp://127.0.0.1:1936/live"));
        const QUrl two(QStringLiteral("rtmp://127.0.0.1:1935/live"));
        created.rtmpUrl = one;
        created.rtmpUrls = {one, two};
        const QJsonObject json = toJson(created);
        QCOMPARE(json.value(u"rtmp_urls").toArray().size(), 2);
        QCOMPARE(json.value(u"rtmp_urls").toArray().at(1).toString(), two.toString());
        const auto back = createdStreamFromJson(json);
        QVERIFY(back);
        QCOMPARE(back->rtmpUrl, one);
        QCOMPARE(back->rtmpUrls, (QList<QUrl>{one, two}));
    }

    void somethingElseIsNotAStream()
    {
        QVERIFY(!streamFromJson({}));
        QVERIFY(!streamFromJson({{QStringLiteral("id"), QStringLiteral("nope")},
                                 {QStringLiteral("status"), QStringLiteral("ACTIVE")}}));
        QVERIFY(!streamFromJson({{QStringLiteral("id"), QUuid::createUuid().toString()},
                                 {QStringLiteral("status"), QStringLiteral("LIVE")}}));
    }

    void durationIsZeroBeforeTheStart()
    {
        Stream stream;
        QCOMPARE(stream.durationSeconds(QDateTime::currentDateTimeUtc()), 0);
    }
};

QTEST_GUILESS_MAIN(TestStreamJson)
#include "tst_stream_json.moc"
