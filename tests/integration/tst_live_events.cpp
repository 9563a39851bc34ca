// Viewers and operators see a stream's life as it happens: the lifecycle within 2 s, metrics every
// second with a measured ingest latency, viewer counts that rise and fall with the viewers, replay
// after a reconnect, Prometheus seeing it all, and a Redis restart that loses no viewer.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace nova;
using namespace nova::test;

namespace {
// A value of an instant Prometheus query (summed over series); nullopt when there is none yet.
std::optional<double> prometheus(const QString &query)
{
    QUrl url = StackEnv::get().prometheusUrl;
    url.setPath("/api/v1/query");
    url.setQuery("query=" + QString::fromUtf8(QUrl::toPercentEncoding(query)));
    const HttpResult result = httpCall("GET", url);
    const QJsonArray series = result.json().value(u"data").toObject().value(u"result").toArray();
    if (result.status != 200 || series.isEmpty())
        return std::nullopt;
    double sum = 0;
    for (const QJsonValue &item : series)
        sum += item.toObject().value(u"value").toArray().at(1).toString().toDouble();
    return sum;
}

int viewerCountOf(const QString &id)
{
    return publicCall("GET", "/api/v1/streams/" + id).json().value(u"viewer_count").toInt(-1);
}

} // namespace

class TestLiveEvents : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        m_stream = createStream("live events");
        m_id = m_stream.value(u"id").toString();
        m_operator = std::make_unique<LiveClient>();
        QVERIFY(m_operator->waitConnected());
    }

    void aViewerSeesTheStreamStartWithinTwoSecondsAndItsMetricsEverySecond()
    {
        m_viewer = std::make_unique<LiveClient>(m_id);
        QVERIFY(m_viewer->waitConnected());
        // Waiting for a stream that has not started yet is watching it already.
        QVERIFY(pollUntil([&] { return viewerCountOf(m_id) == 1; }, 3000));
        m_broadcaster.start({"--rtmp-url", m_stream.value(u"rtmp_url").toString(), "--size",
                             "640x360", "--bitrate", "800k"},
                            m_stream.value(u"stream_key").toString());
        QVERIFY2(m_broadcaster.waitForEvent("live", 10'000),
                 qPrintable(m_broadcaster.standardError()));
        QElapsedTimer sinceLive;
        sinceLive.start();
        const auto started = m_viewer->waitFor("stream_started", 2000);
        QVERIFY2(started, "no stream_started within 2 s of going live");
        QCOMPARE(started->streamId.toString(QUuid::WithoutBraces), m_id);
        QCOMPARE(started->data.value(u"title").toString(), QStringLiteral("live events"));
        QVERIFY(m_operator->waitFor("stream_started", 2000, [&](const LiveEvent &e) {
            return e.streamId == started->streamId;
        }));

        // stream_metrics every second, from the stream read back: bitrate, fps, ingest latency.
        QVERIFY(
            pollUntil([&] { return m_viewer->eventsNamed("stream_metrics").size() >= 4; }, 8000));
        const auto metrics = m_viewer->eventsNamed("stream_metrics");
        const LiveEvent &last = metrics.last();
        QVERIFY(last.data.value(u"bitrate_kbps").toDouble() > 50);
        QVERIFY(qAbs(last.data.value(u"fps").toDouble() - 30) < 5);
        const double latency = last.data.value(u"ingest_latency_ms").toDouble(-1);
        QVERIFY2(latency >= 0 && latency < 2000, qPrintable(QString::number(latency)));
        const qint64 spreadMs = metrics.at(metrics.size() - 4).timestamp.msecsTo(last.timestamp);
        QVERIFY2(spreadMs >= 2000 && spreadMs <= 4500, qPrintable(QString::number(spreadMs)));

        // Every event of the stream, in order, numbered without gaps.
        QVERIFY(seqsRunWithoutGaps(m_viewer->events()));
        QVERIFY(m_viewer->events().first().seq >= 1);
    }

    void viewerCountsRiseWithEachViewerAndFallAsTheyLeave()
    {
        // m_viewer is the first; four more join one by one.
        QVERIFY(m_viewer->waitFor("viewer_count_changed", 5000, [](const LiveEvent &e) {
            return e.data.value(u"viewer_count").toInt() == 1;
        }));
        std::vector<std::unique_ptr<LiveClient>> others;
        for (int expected = 2; expected <= 5; ++expected) {
            others.push_back(std::make_unique<LiveClient>(m_id));
            QVERIFY(others.back()->waitConnected());
            QVERIFY2(m_viewer->waitFor("viewer_count_changed", 5000,
                                       [&](const LiveEvent &e) {
                                           return e.data.value(u"viewer_count").toInt() == expected;
                                       }),
                     qPrintable(QString::number(expected)));
        }
        QCOMPARE(viewerCountOf(m_id), 5);
        // The newest viewer sees the same count as the first.
        QVERIFY(others.back()->waitFor("viewer_count_changed", 5000, [](const LiveEvent &e) {
            return e.data.value(u"viewer_count").toInt() == 5 &&
                   e.data.value(u"peak_viewers").toInt() == 5;
        }));
        for (int expected = 4; expected >= 1; --expected) {
            others.pop_back();
            QVERIFY2(m_viewer->waitFor(
                         "viewer_count_changed", 5000,
                         [&](const LiveEvent &e) {
                             return e.data.value(u"viewer_count").toInt() == expected &&
                                    e.seq >
                                        m_viewer->eventsNamed("viewer_count_changed").first().seq;
                         }),
                     qPrintable(QString::number(expected)));
        }
        // Counts were told at most once a second.
        const auto counts = m_viewer->eventsNamed("viewer_count_changed");
        for (qsizetype i = 1; i < counts.size(); ++i)
            QVERIFY(counts.at(i - 1).timestamp.msecsTo(counts.at(i).timestamp) >= 900);
        QCOMPARE(viewerCountOf(m_id), 1);
    }

    void aViewerOfAnUnknownStreamIsToldSoBeforeTheUpgrade()
    {
        QUrl url = StackEnv::get().apiUrl;
        url.setPath("/api/v1/streams/" + QUuid::createUuid().toString(QUuid::WithoutBraces) +
                    "/ws");
        const HttpResult refused = httpCall("GET", url, {},
                                            {{"Upgrade", "websocket"},
                                             {"Connection", "Upgrade"},
                                             {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                             {"Sec-WebSocket-Version", "13"}});
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.errorCode(), QStringLiteral("not_found"));
    }

    void aViewerThatReconnectsGetsWhatItMissed()
    {
        auto first = std::make_unique<LiveClient>(m_id);
        QVERIFY(first->waitConnected());
        QVERIFY(first->waitFor("stream_metrics", 3000));
        const qint64 lastSeen = first->events().last().seq;
        first.reset(); // gone for a while
        QVERIFY(m_viewer->waitFor("stream_metrics", 5000,
                                  [&](const LiveEvent &e) { return e.seq >= lastSeen + 3; }));

        LiveClient back(m_id, QString::number(lastSeen));
        QVERIFY(back.waitConnected());
        QVERIFY(back.waitFor("stream_metrics", 3000));
        const QList<LiveEvent> replayed = back.events();
        QCOMPARE(replayed.first().seq, lastSeen + 1); // nothing missed...
        QVERIFY(seqsRunWithoutGaps(replayed));        // ...nothing twice, all in order
    }

    void prometheusSeesTheLiveStreamAndItsViewers()
    {
        QVERIFY2(
            pollUntil(
                [] { return prometheus("max(nova_streaming_active_streams)").value_or(0) >= 1; },
                15'000),
            "active streams never reached Prometheus");
        QVERIFY(pollUntil(
            [] {
                return prometheus("sum(nova_streaming_websocket_connections{kind=\"viewer\"})")
                               .value_or(0) >= 1 &&
                       prometheus("sum(nova_streaming_websocket_connections{kind=\"operator\"})")
                               .value_or(0) >= 1;
            },
            15'000));
        QVERIFY(pollUntil(
            [] {
                return prometheus("sum(nova_streaming_rtmp_ingestion_latency_seconds_count)")
                           .value_or(0) > 0;
            },
            15'000));
        QVERIFY(pollUntil(
            [] {
                return prometheus("sum(nova_streaming_viewers_total_count)").value_or(0) > 0 &&
                       prometheus("max(nova_streaming_peak_viewers)").value_or(0) >= 5;
            },
            15'000));
        QVERIFY(pollUntil(
            [] {
                return prometheus("sum(nova_streaming_hls_segment_generation_seconds_count)")
                           .value_or(0) > 0;
            },
            20'000));
    }

    void theStreamLosesNoViewerWhenRedisRestarts()
    {
        LiveClient second(m_id);
        QVERIFY(second.waitConnected());
        QVERIFY(pollUntil([&] { return viewerCountOf(m_id) == 2; }, 5000));

        QVERIFY(StackControl::killRedis());
        // Redis away: the replica goes on serving its own viewers.
        const qint64 before = m_viewer->events().last().seq;
        const QDateTime killed = QDateTime::currentDateTimeUtc();
        QVERIFY(m_viewer->waitFor("stream_metrics", 5000,
                                  [&](const LiveEvent &e) { return e.seq > before + 1; }));

        QString output;
        QVERIFY2(StackControl::up(&output), qPrintable(output));
        // Back, and empty: both viewers are counted there again, and told so.
        QVERIFY(m_viewer->waitFor("viewer_count_changed", 15'000, [&](const LiveEvent &e) {
            return e.timestamp > killed && e.data.value(u"viewer_count").toInt() == 2 &&
                   e.data.value(u"peak_viewers").toInt() >= 5; // the peak survives too
        }));
        QCOMPARE(viewerCountOf(m_id), 2);
        const qint64 after = m_viewer->events().last().seq;
        QVERIFY(m_viewer->waitFor("stream_metrics", 5000,
                                  [&](const LiveEvent &e) { return e.seq > after; }));
        QVERIFY(seqsRunWithoutGaps(m_viewer->events()));
        QCOMPARE(m_viewer->socket().state(), QAbstractSocket::ConnectedState);
        QCOMPARE(second.socket().state(), QAbstractSocket::ConnectedState);
    }

    void cleanupTestCase()
    {
        if (!m_viewer)
            return; // only some functions ran: the stream never went live
        m_broadcaster.interrupt();
        QVERIFY(m_broadcaster.waitForExit(10'000));
        // The publisher left: everyone is told the stream waits for it, and for how long.
        QVERIFY(m_viewer->waitFor("stream_interrupted", 5000));
        QVERIFY(m_operator->waitFor("stream_interrupted", 5000));
        QCOMPARE(m_viewer->waitFor("stream_interrupted", 0)->data.value(u"grace_seconds").toInt(),
                 StackEnv::get().reconnectGraceSeconds);
        QCOMPARE(m_viewer->eventsNamed("stream_ended").size(), 0);
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + m_id).status, 200);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_viewer->waitFor("stream_ended", 5000));
        QVERIFY(m_operator->waitFor("stream_ended", 5000));
        const auto ended = m_viewer->waitFor("stream_ended", 0);
        QCOMPARE(ended->data.value(u"status").toString(), QStringLiteral("COMPLETED"));
        QVERIFY(ended->data.value(u"duration_seconds").toInt() > 0);
        // Its peak of viewers is on its record.
        QVERIFY(pollUntil(
            [&] {
                return publicCall("GET", "/api/v1/streams/" + m_id)
                           .json()
                           .value(u"peak_viewers")
                           .toInt() >= 5;
            },
            5000));
    }

private:
    QJsonObject m_stream;
    QString m_id;
    BroadcasterProcess m_broadcaster;
    std::unique_ptr<LiveClient> m_operator;
    std::unique_ptr<LiveClient> m_viewer;
};

QTEST_GUILESS_MAIN(TestLiveEvents)
#include "tst_live_events.moc"
