// The streams API as an operator and a viewer use it: creating (with its token and validation),
// reading one stream, and paging through the list newest first.

#include "tests/support/http_call.h"
#include "tests/support/stack_env.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace nova::test;

class TestStreamApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void creatingNeedsTheOperatorToken_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addRow("none") << QByteArray();
        QTest::addRow("wrong token") << QByteArray("Bearer not-the-token");
        QTest::addRow("wrong scheme") << ("Basic " + StackEnv::get().adminToken.toUtf8());
        QTest::addRow("token with a suffix")
            << ("Bearer " + StackEnv::get().adminToken.toUtf8() + "x");
    }
    void creatingNeedsTheOperatorToken()
    {
        QFETCH(QByteArray, authorization);
        QUrl url = StackEnv::get().apiUrl;
        url.setPath(QStringLiteral("/api/v1/streams"));
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const HttpResult result = httpCall("POST", url, R"({"title":"x"})", headers);
        QCOMPARE(result.status, 401);
        QCOMPARE(result.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(result.header("WWW-Authenticate"), QByteArray("Bearer"));
    }

    void badBodiesAreRefusedWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addRow("empty") << QByteArray() << 400 << "invalid_json";
        QTest::addRow("not json") << QByteArray("title=x") << 400 << "invalid_json";
        QTest::addRow("json array") << QByteArray("[]") << 400 << "invalid_json";
        QTest::addRow("no title") << QByteArray("{}") << 400 << "invalid_field";
        QTest::addRow("null title") << QByteArray(R"({"title":null})") << 400 << "invalid_field";
        QTest::addRow("numeric title") << QByteArray(R"({"title":5})") << 400 << "invalid_field";
        QTest::addRow("blank title") << QByteArray(R"({"title":"   "})") << 400 << "invalid_field";
        QTest::addRow("title too long")
            << QByteArray(R"({"title":")" + QByteArray(201, 'a') + R"("})") << 400
            << "invalid_field";
        QTest::addRow("control character")
            << QByteArray(R"({"title":"a\u0007b"})") << 400 << "invalid_field";
        QTest::addRow("unknown field")
            << QByteArray(R"({"title":"x","titel":"y"})") << 400 << "unknown_field";
        QTest::addRow("over the body limit")
            << QByteArray(R"({"title":")" + QByteArray(70'000, 'a') + R"("})") << 413
            << "payload_too_large";
    }
    void badBodiesAreRefusedWithTheReason()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QUrl url = StackEnv::get().apiUrl;
        url.setPath(QStringLiteral("/api/v1/streams"));
        const HttpResult result =
            httpCall("POST", url, body,
                     {{"Authorization", "Bearer " + StackEnv::get().adminToken.toUtf8()},
                      {"Content-Type", "application/json"}});
        QCOMPARE(result.status, status);
        QCOMPARE(result.errorCode(), code);
        QVERIFY(!result.json().value(u"error").toObject().value(u"message").toString().isEmpty());
    }

    void aCreatedStreamCanBeRead()
    {
        const QJsonObject created = createStream(QStringLiteral("  Évening  news "));
        QCOMPARE(created.value(u"title").toString(), QStringLiteral("Évening  news"));
        QCOMPARE(created.value(u"status").toString(), QStringLiteral("PENDING"));
        QVERIFY(created.value(u"stream_key").toString().startsWith(u"nvk_"));
        QCOMPARE(created.value(u"rtmp_url").toString(), StackEnv::get().rtmpUrl);
        const QString id = created.value(u"id").toString();

        const HttpResult read = publicCall("GET", QStringLiteral("/api/v1/streams/") + id);
        QCOMPARE(read.status, 200);
        const QJsonObject stream = read.json();
        QCOMPARE(stream.value(u"id").toString(), id);
        QCOMPARE(stream.value(u"title").toString(), created.value(u"title").toString());
        QCOMPARE(stream.value(u"created_at").toString(), created.value(u"created_at").toString());
        QCOMPARE(stream.value(u"hls_url").toString(), created.value(u"hls_url").toString());
        QCOMPARE(stream.value(u"viewer_count").toInt(-1), 0);
        QCOMPARE(stream.value(u"duration_seconds").toInt(-1), 0);
        QVERIFY(stream.value(u"started_at").isNull());
        QVERIFY(!stream.contains(u"stream_key"));
    }

    void unknownAndMalformedIdsAreTold_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("status");
        QTest::addRow("unknown") << QUuid::createUuid().toString(QUuid::WithoutBraces) << 404;
        QTest::addRow("not a uuid") << "12345" << 400;
        QTest::addRow("braced uuid") << QUuid::createUuid().toString() << 400;
        QTest::addRow("sql") << "1%27%20OR%20%271%27=%271" << 400;
    }
    void unknownAndMalformedIdsAreTold()
    {
        QFETCH(QString, id);
        QFETCH(int, status);
        QCOMPARE(publicCall("GET", QStringLiteral("/api/v1/streams/") + id).status, status);
    }

    void theListPagesNewestFirstWithoutGapsOrRepeats()
    {
        QStringList mine;
        for (int i = 0; i < 5; ++i)
            mine.prepend(createStream(QStringLiteral("page %1").arg(i)).value(u"id").toString());

        QStringList seen;
        QString cursor;
        QDateTime previous;
        for (int page = 0; page < 15; ++page) { // enough to cross the five and some older ones
            QString path = QStringLiteral("/api/v1/streams?status=pending&limit=2");
            if (!cursor.isEmpty())
                path += QStringLiteral("&cursor=") + cursor;
            const HttpResult result = publicCall("GET", path);
            QCOMPARE(result.status, 200);
            const QJsonArray streams = result.json().value(u"streams").toArray();
            QVERIFY(streams.size() <= 2);
            for (const QJsonValue &value : streams) {
                const QJsonObject stream = value.toObject();
                QCOMPARE(stream.value(u"status").toString(), QStringLiteral("PENDING"));
                const QDateTime created = QDateTime::fromString(
                    stream.value(u"created_at").toString(), Qt::ISODateWithMs);
                if (previous.isValid())
                    QVERIFY(created <= previous);
                previous = created;
                seen << stream.value(u"id").toString();
            }
            const QJsonValue next = result.json().value(u"next_cursor");
            if (next.isNull())
                break;
            cursor = next.toString();
        }
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), seen.size()); // no repeats
        // The five just made are the newest pending streams, in order.
        QCOMPARE(seen.mid(0, 5), mine);
    }

    void badListQueriesAreRefused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addRow("unknown status") << "status=live";
        QTest::addRow("limit zero") << "limit=0";
        QTest::addRow("limit too big") << "limit=501";
        QTest::addRow("limit words") << "limit=ten";
        QTest::addRow("forged cursor") << "cursor=bm90LWEtY3Vyc29y";
    }
    void badListQueriesAreRefused()
    {
        QFETCH(QString, query);
        const HttpResult result = publicCall("GET", QStringLiteral("/api/v1/streams?") + query);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorCode(), QStringLiteral("invalid_query"));
    }

    void healthAndReadiness()
    {
        QCOMPARE(publicCall("GET", QStringLiteral("/healthz")).status, 200);
        const HttpResult ready = publicCall("GET", QStringLiteral("/readyz"));
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.json().value(u"checks").toObject().value(u"postgresql").toString(),
                 QStringLiteral("ok"));
        QCOMPARE(ready.json().value(u"checks").toObject().value(u"redis").toString(),
                 QStringLiteral("ok"));
        const HttpResult metrics = publicCall("GET", QStringLiteral("/metrics"));
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.body.contains("\nnova_streaming_active_streams "));
    }
};

QTEST_GUILESS_MAIN(TestStreamApi)
#include "tst_stream_api.moc"
