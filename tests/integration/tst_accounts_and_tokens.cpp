// Who may do what, as people use it: an operator makes a streamer account and gives it a token;
// the streamer goes live with it and ends their own stream, and is refused everyone else's; a
// revoked token stops working on every replica; a new stream key shuts out the old one; and the
// audit trail says who did each of these.

#include "tests/support/accounts.h"
#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/raw_http_client.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace nova::test;

namespace {

// The audit entries (newest first) about `target`.
QList<QJsonObject> auditAbout(const QString &target)
{
    QList<QJsonObject> found;
    const HttpResult page = callAs(adminToken(), "GET", "/api/v1/audit?limit=500");
    for (const QJsonValue &entry : page.json().value(u"entries").toArray())
        if (entry.toObject().value(u"target").toString() == target)
            found.append(entry.toObject());
    return found;
}

} // namespace

class TestAccountsAndTokens : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
    }

    void anOperatorCreatesAStreamerWhoGoesLiveAndEndsTheirOwnStream()
    {
        const Person streamer = makeAccount("streamer");
        QVERIFY(streamer.token.startsWith(u"nvt_"));

        const HttpResult me = callAs(streamer.token, "GET", "/api/v1/me");
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(u"account").toObject().value(u"name").toString(), streamer.name);
        QCOMPARE(me.json().value(u"account").toObject().value(u"role").toString(),
                 QStringLiteral("streamer"));
        QCOMPARE(me.json().value(u"token").toObject().value(u"id").toString(), streamer.tokenId);

        const HttpResult created =
            callAs(streamer.token, "POST", "/api/v1/streams", {{"title", "my own show"}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(u"owner").toString(), streamer.accountId);
        const QString id = created.json().value(u"id").toString();

        BroadcasterProcess broadcaster;
        broadcaster.start({"--rtmp-url", created.json().value(u"rtmp_url").toString(), "--size",
                           "320x180", "--bitrate", "300k"},
                          created.json().value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));

        // Their list holds their stream and nobody else's.
        const HttpResult mine =
            callAs(streamer.token, "GET", "/api/v1/streams?owner=me&status=all");
        QCOMPARE(mine.status, 200);
        const QJsonArray streams = mine.json().value(u"streams").toArray();
        QCOMPARE(streams.size(), 1);
        QCOMPARE(streams.at(0).toObject().value(u"id").toString(), id);
        QCOMPARE(callAs(QString(), "GET", "/api/v1/streams?owner=me").status, 401);

        const HttpResult ended = callAs(streamer.token, "DELETE", "/api/v1/streams/" + id);
        QCOMPARE(ended.status, 200);
        QCOMPARE(ended.json().value(u"status").toString(), QStringLiteral("COMPLETED"));
        QVERIFY(broadcaster.waitForExit(10'000));

        // The audit says who did it, with which token, from where; never a secret.
        const QList<QJsonObject> entries = auditAbout("stream:" + id);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).value(u"action").toString(), QStringLiteral("stream.ended"));
        QCOMPARE(entries.at(1).value(u"action").toString(), QStringLiteral("stream.created"));
        for (const QJsonObject &entry : entries) {
            const QJsonObject actor = entry.value(u"actor").toObject();
            QCOMPARE(actor.value(u"account").toString(), streamer.accountId);
            QCOMPARE(actor.value(u"name").toString(), streamer.name);
            QCOMPARE(actor.value(u"token").toString(), streamer.tokenId);
            QCOMPARE(entry.value(u"address").toString(), QStringLiteral("127.0.0.1"));
        }
        const HttpResult audit = callAs(adminToken(), "GET", "/api/v1/audit?limit=500");
        QVERIFY(!audit.body.contains(streamer.token.toUtf8()));
        QVERIFY(!audit.body.contains(created.json().value(u"stream_key").toString().toUtf8()));

        // The token remembers it was used (written back every few seconds, not per request).
        QVERIFY(pollUntil(
            [&] {
                const HttpResult tokens = callAs(
                    adminToken(), "GET", "/api/v1/accounts/" + streamer.accountId + "/tokens");
                const QJsonArray list = tokens.json().value(u"tokens").toArray();
                return list.size() == 1 && !list.at(0).toObject().value(u"last_used_at").isNull();
            },
            15'000));
    }

    void aStreamerGoesLiveHeadlessWithTheirOwnToken()
    {
        const Person streamer = makeAccount("streamer");
        BroadcasterProcess broadcaster;
        broadcaster.start({"--api", replicaUrl(1).toString(), "--token", streamer.token, "--title",
                           "from the command line", "--size", "320x180", "--bitrate", "300k"});
        const auto created = broadcaster.waitForEvent("stream_created", 10'000);
        QVERIFY2(created, qPrintable(broadcaster.standardError()));
        QVERIFY2(broadcaster.waitForEvent("live", 10'000), qPrintable(broadcaster.standardError()));
        const QString id = created->value(u"id").toString();
        const HttpResult stream = publicCall("GET", "/api/v1/streams/" + id);
        QCOMPARE(stream.json().value(u"owner").toString(), streamer.accountId);
        QCOMPARE(stream.json().value(u"status").toString(), QStringLiteral("ACTIVE"));
        // Ctrl-C ends the stream, with the same token.
        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
        QVERIFY(pollUntil([&] { return statusOf(id) == u"COMPLETED"; }, 5000));
        QCOMPARE(auditAbout("stream:" + id).value(0).value(u"actor").toObject().value(u"name"),
                 QJsonValue(streamer.name));
    }

    void aStreamerIsRefusedSomeoneElsesStreamAndTheOperatorRoutes()
    {
        const Person streamer = makeAccount("streamer");
        const Person other = makeAccount("streamer");
        const QString theirs = callAs(other.token, "POST", "/api/v1/streams", {{"title", "theirs"}})
                                   .json()
                                   .value(u"id")
                                   .toString();
        QVERIFY(!theirs.isEmpty());

        const auto refused = [&](const HttpResult &result, int status) {
            if (result.status != status || result.errorCode().isEmpty()) {
                qWarning() << result.status << result.body;
                return false;
            }
            return true;
        };
        QVERIFY(refused(callAs(streamer.token, "DELETE", "/api/v1/streams/" + theirs), 403));
        QVERIFY(refused(callAs(streamer.token, "POST", "/api/v1/streams/" + theirs + "/key"), 403));
        QVERIFY(refused(callAs(streamer.token, "POST", "/api/v1/accounts",
                               {{"name", uniqueName("sneaky")}, {"role", "operator"}}),
                        403));
        QVERIFY(refused(callAs(streamer.token, "GET", "/api/v1/accounts"), 403));
        QVERIFY(refused(callAs(streamer.token, "GET", "/api/v1/audit"), 403));
        QVERIFY(refused(
            callAs(streamer.token, "GET", "/api/v1/accounts/" + other.accountId + "/tokens"), 403));
        QVERIFY(refused(callAs(streamer.token, "DELETE", "/api/v1/tokens/" + other.tokenId), 403));
        QCOMPARE(statusOf(theirs), QStringLiteral("PENDING"));

        // The operator feed: refused before the upgrade.
        const QUrl api = replicaUrl(1);
        RawHttpClient client(QHostAddress(api.host()), quint16(api.port()));
        client.send("GET /api/v1/events/ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                    "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer " +
                    streamer.token.toUtf8() + "\r\n\r\n");
        const auto answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 403);
    }

    void revokingATokenIsIdempotentAndAuditedOnce()
    {
        const Person streamer = makeAccount("streamer");
        QCOMPARE(callAs(streamer.token, "GET", "/api/v1/me").status, 200);
        const HttpResult revoked =
            callAs(adminToken(), "DELETE", "/api/v1/tokens/" + streamer.tokenId);
        QCOMPARE(revoked.status, 200);
        QVERIFY(!revoked.json().value(u"revoked_at").isNull());
        // Refused at once by the replica that revoked it, before any notification comes back.
        QCOMPARE(callAs(streamer.token, "GET", "/api/v1/me").status, 401);
        QCOMPARE(callAs(streamer.token, "POST", "/api/v1/streams", {{"title", "after"}}).status,
                 401);

        const HttpResult again =
            callAs(adminToken(), "DELETE", "/api/v1/tokens/" + streamer.tokenId);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(u"revoked_at"), revoked.json().value(u"revoked_at"));
        const QList<QJsonObject> entries = auditAbout("token:" + streamer.tokenId);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).value(u"action").toString(), QStringLiteral("token.revoked"));
        QCOMPARE(entries.at(1).value(u"action").toString(), QStringLiteral("token.created"));
        QCOMPARE(callAs(adminToken(), "DELETE",
                        "/api/v1/tokens/" + QUuid::createUuid().toString(QUuid::WithoutBraces))
                     .status,
                 404);
    }

    void theOwnersAppWatchesItsStreamWithoutCountingAsAViewer()
    {
        const Person streamer = makeAccount("streamer");
        const QString id =
            callAs(streamer.token, "POST", "/api/v1/streams", {{"title", "watched by its owner"}})
                .json()
                .value(u"id")
                .toString();
        QUrl url = replicaUrl(1);
        url.setScheme(QStringLiteral("ws"));
        url.setPath("/api/v1/streams/" + id + "/ws");
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + streamer.token.toUtf8());
        QWebSocket owner;
        owner.open(request);
        QTRY_VERIFY_WITH_TIMEOUT(owner.state() == QAbstractSocket::ConnectedState, 5000);

        // A viewer counts; the owner's socket does not.
        LiveClient viewer(id);
        QVERIFY(viewer.waitConnected());
        QVERIFY(pollUntil([&] { return viewerCountOn(1, id) == 1; }, 5000));
        viewer.close();
        QVERIFY(pollUntil([&] { return viewerCountOn(1, id) == 0; }, 5000));
        QCOMPARE(owner.state(), QAbstractSocket::ConnectedState);

        // A token that is not good is refused rather than counted.
        request.setRawHeader("Authorization", "Bearer nvt_0123456789abcdef_" + QByteArray(43, 'A'));
        QWebSocket impostor;
        QSignalSpy connected(&impostor, &QWebSocket::connected);
        impostor.open(request);
        QCOMPARE(impostor.state(), QAbstractSocket::ConnectingState);
        QTRY_COMPARE_WITH_TIMEOUT(impostor.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(connected.count(), 0);
        QCOMPARE(viewerCountOn(1, id), 0);
    }

    void aRotatedKeyShutsOutTheOldOneAndDropsItsPublisher()
    {
        const Person streamer = makeAccount("streamer");
        const HttpResult created =
            callAs(streamer.token, "POST", "/api/v1/streams", {{"title", "leaked key"}});
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(u"id").toString();
        const QString rtmpUrl = created.json().value(u"rtmp_url").toString();
        const QString oldKey = created.json().value(u"stream_key").toString();

        BroadcasterProcess onOldKey;
        onOldKey.start(
            {"--rtmp-url", rtmpUrl, "--size", "320x180", "--bitrate", "300k", "--reconnect"},
            oldKey);
        QVERIFY2(onOldKey.waitForEvent("live", 10'000), qPrintable(onOldKey.standardError()));

        const HttpResult rotated = callAs(streamer.token, "POST", "/api/v1/streams/" + id + "/key");
        QCOMPARE(rotated.status, 201);
        const QString newKey = rotated.json().value(u"stream_key").toString();
        QVERIFY(newKey.startsWith(u"nvk_"));
        QVERIFY(newKey != oldKey);

        // Dropped, and its reconnects on the old key are refused: it gives up.
        QVERIFY(onOldKey.waitForExit(20'000));
        QCOMPARE(onOldKey.exitCode(), 5);
        QCOMPARE(statusOf(id), QStringLiteral("RECONNECTING"));

        // The new key resumes the same stream.
        BroadcasterProcess onNewKey;
        onNewKey.start({"--rtmp-url", rtmpUrl, "--size", "320x180", "--bitrate", "300k"}, newKey);
        QVERIFY2(onNewKey.waitForEvent("live", 10'000), qPrintable(onNewKey.standardError()));
        QCOMPARE(statusOf(id), QStringLiteral("ACTIVE"));

        const QList<QJsonObject> entries = auditAbout("stream:" + id);
        QVERIFY(!entries.isEmpty());
        QCOMPARE(entries.at(0).value(u"action").toString(), QStringLiteral("stream.key_rotated"));
        QCOMPARE(entries.at(0).value(u"actor").toObject().value(u"name").toString(), streamer.name);
        QCOMPARE(callAs(adminToken(), "DELETE", "/api/v1/streams/" + id).status, 200);
    }

    void badTokensAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addRow("no scheme") << QByteArray("nvt_0123456789abcdef_x");
        QTest::addRow("empty bearer") << QByteArray("Bearer ");
        QTest::addRow("basic") << QByteArray("Basic YWRtaW46YWRtaW4=");
        QTest::addRow("truncated") << QByteArray("Bearer nvt_0123456789abcdef_abc");
        QTest::addRow("wrong verifier")
            << QByteArray("Bearer nvt_0123456789abcdef_") + QByteArray(43, 'A');
        QTest::addRow("non-ascii") << QByteArray("Bearer nvt_\xc3\xa9\xc3\xa9");
        QTest::addRow("oversized") << QByteArray("Bearer ") + QByteArray(4000, 'a');
        QTest::addRow("stream key as token")
            << QByteArray("Bearer nvk_0123456789abcdef_") + QByteArray(43, 'A');
    }
    void badTokensAreRefusedAndChangeNothing()
    {
        QFETCH(QByteArray, authorization);
        const QString title = uniqueName("bad-token");
        QUrl url = replicaUrl(1);
        url.setPath(QStringLiteral("/api/v1/streams"));
        const HttpResult result =
            httpCall("POST", url, QJsonDocument(QJsonObject{{"title", title}}).toJson(),
                     {{"Authorization", authorization}, {"Content-Type", "application/json"}});
        QCOMPARE(result.status, 401);
        QCOMPARE(result.errorCode(), QStringLiteral("unauthorized"));
        const HttpResult list = publicCall("GET", "/api/v1/streams?status=all&limit=50");
        QVERIFY(!list.body.contains(title.toUtf8()));
    }

    void badAccountsAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addRow("upper case") << QJsonObject{{"name", "Alice"}, {"role", "streamer"}} << 400;
        QTest::addRow("non-ascii") << QJsonObject{{"name", "zoë"}, {"role", "streamer"}} << 400;
        QTest::addRow("too long") << QJsonObject{{"name", QString(64, u'a')}, {"role", "streamer"}}
                                  << 400;
        QTest::addRow("no role") << QJsonObject{{"name", "bob"}} << 400;
        QTest::addRow("unknown role") << QJsonObject{{"name", "bob"}, {"role", "root"}} << 400;
        QTest::addRow("unknown field")
            << QJsonObject{{"name", "bob"}, {"role", "streamer"}, {"admin", true}} << 400;
        QTest::addRow("the bootstrap name")
            << QJsonObject{{"name", "admin"}, {"role", "streamer"}} << 409;
    }
    void badAccountsAreRefused()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        const int before = int(callAs(adminToken(), "GET", "/api/v1/accounts")
                                   .json()
                                   .value(u"accounts")
                                   .toArray()
                                   .size());
        const HttpResult result = callAs(adminToken(), "POST", "/api/v1/accounts", body);
        QCOMPARE(result.status, status);
        QVERIFY(!result.errorCode().isEmpty());
        const int after = int(callAs(adminToken(), "GET", "/api/v1/accounts")
                                  .json()
                                  .value(u"accounts")
                                  .toArray()
                                  .size());
        QCOMPARE(after, before);
    }

    void aLeakedTokenCannotCreateStreamsWithoutEnd()
    {
        const Person streamer = makeAccount("streamer");
        HttpResult last;
        int created = 0;
        for (int i = 0; i < 200; ++i) {
            last = callAs(streamer.token, "POST", "/api/v1/streams", {{"title", "spam"}});
            if (last.status != 201)
                break;
            ++created;
        }
        QCOMPARE(last.status, 429);
        QVERIFY2(created >= 1 && created < 200, qPrintable(QString::number(created)));
        QVERIFY(last.header("retry-after").toInt() >= 1);
        // Others are not held back by it.
        QCOMPARE(callAs(adminToken(), "POST", "/api/v1/streams", {{"title", "still fine"}}).status,
                 201);
    }
};

QTEST_GUILESS_MAIN(TestAccountsAndTokens)
#include "tst_accounts_and_tokens.moc"
