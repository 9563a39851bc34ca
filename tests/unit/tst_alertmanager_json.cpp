// AlertmanagerJson: real answers recorded from the stack's Alertmanager (API v2), what is not one,
// and the silence the console sends.
#include "console/alertmanager/alertmanager_json.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace nova;

namespace {
QByteArray recorded(const char *name)
{
    QFile file(QStringLiteral(NOVA_TEST_DATA "/alertmanager/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", name);
    return file.readAll();
}
} // namespace

class TestAlertmanagerJson : public QObject
{
    Q_OBJECT

private slots:
    void alertsSayWhichAreSilenced()
    {
        const auto alerts = AlertmanagerJson::parseAlerts(recorded("alerts.json"));
        QVERIFY(alerts);
        QCOMPARE(alerts->size(), 2);
        const ManagedAlert &active = alerts->at(0);
        QCOMPARE(active.name, "NovaPeakViewersDrop");
        QCOMPARE(active.fingerprint, "1425522919adb773");
        QVERIFY(!active.silenced());
        QCOMPARE(active.summary, "Concurrent viewers dropped");
        QCOMPARE(active.startsAt, QDateTime::fromString("2026-12-03T20:20:39Z", Qt::ISODate));
        const ManagedAlert &muted = alerts->at(1);
        QCOMPARE(muted.name, "NovaReplicaDown");
        QCOMPARE(muted.labels.value("instance"), "127.0.0.1:8082");
        QCOMPARE(muted.silencedBy, QStringList{"9eb8baac-e39a-4b50-9942-7b6cc238658d"});
    }

    void silencesKeepTheirMatchersAndState()
    {
        const auto silences = AlertmanagerJson::parseSilences(recorded("silences.json"));
        QVERIFY(silences);
        QCOMPARE(silences->size(), 2);
        const Silence &active = silences->at(0);
        QCOMPARE(active.state, Silence::State::Active);
        QCOMPARE(active.createdBy, "on-call");
        QCOMPARE(active.comment, "restarting it");
        QCOMPARE(active.matchers.size(), 2);
        QCOMPARE(active.matchers.at(1).name, "instance");
        QCOMPARE(active.matchers.at(1).value, "127.0.0.1:8082");
        QCOMPARE(active.endsAt, QDateTime::fromString("2026-12-03T21:20:39Z", Qt::ISODate));
        const Silence &expired = silences->at(1);
        QCOMPARE(expired.state, Silence::State::Expired);
        QVERIFY(expired.matchers.first().isRegex);
    }

    void theNewSilencesIdIsRead()
    {
        QCOMPARE(AlertmanagerJson::parseSilenceId(recorded("silence_created.json")),
                 std::optional<QString>("9eb8baac-e39a-4b50-9942-7b6cc238658d"));
        QVERIFY(!AlertmanagerJson::parseSilenceId("{}"));
        QVERIFY(!AlertmanagerJson::parseSilenceId("not json"));
    }

    void whatIsNotAnAnswerIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("an object") << QByteArray("{\"status\":\"success\"}");
        QTest::addRow("an html page") << QByteArray("<html>502</html>");
        QTest::addRow("an alert without labels") << QByteArray("[{\"fingerprint\":\"ab\"}]");
        QTest::addRow("a silence without id") << QByteArray("[{\"matchers\":[]}]");
        QTest::addRow("truncated") << recorded("alerts.json").left(200);
    }
    void whatIsNotAnAnswerIsRefused()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!AlertmanagerJson::parseAlerts(body));
        QVERIFY(!AlertmanagerJson::parseSilences(body));
    }

    void aSilenceRequestIsWhatTheApiTakes()
    {
        SilenceRequest request;
        request.matchers = {{"alertname", "NovaReplicaDown"}, {"instance", "127.0.0.1:8082"}};
        request.durationSeconds = 900;
        request.createdBy = "on-call";
        request.comment = "restarting it";
        const QDateTime now = QDateTime::fromString("2026-12-03T20:00:00.000Z", Qt::ISODateWithMs);
        const QJsonObject json = AlertmanagerJson::toJson(request, now);
        QCOMPARE(json.value("startsAt").toString(), "2026-12-03T20:00:00.000Z");
        QCOMPARE(json.value("endsAt").toString(), "2026-12-03T20:15:00.000Z");
        QCOMPARE(json.value("createdBy").toString(), "on-call");
        const QJsonArray matchers = json.value("matchers").toArray();
        QCOMPARE(matchers.size(), 2);
        QCOMPARE(matchers.at(1).toObject().value("value").toString(), "127.0.0.1:8082");
        QCOMPARE(matchers.at(1).toObject().value("isEqual").toBool(), true);
        QCOMPARE(matchers.at(1).toObject().value("isRegex").toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestAlertmanagerJson)
#include "tst_alertmanager_json.moc"
