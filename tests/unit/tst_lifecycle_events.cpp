// What each transition tells viewers, made from its outbox entry: the fields docs/websocket.md
// lists, the time it happened (not the time it was relayed), and the entry id that makes a retry
// publish it once.

#include "server/streams/lifecycle_events.h"
#include "shared/live_event.h"
#include "shared/rfc3339.h"

#include <QTest>

using namespace nova;

namespace {
const QDateTime kStarted =
    QDateTime::fromString(QStringLiteral("2025-01-17T18:31:02.250Z"), Qt::ISODateWithMs);

OutboxEntry entry(const char *event, qint64 id, const QDateTime &at)
{
    OutboxEntry e;
    e.id = id;
    e.event = QString::fromLatin1(event);
    e.occurredAt = at;
    e.stream.id = QUuid::fromString(QStringLiteral("3f1c2a9e-8d4b-4e57-9a0c-5b2d7e6f1a34"));
    e.stream.title = QStringLiteral("Friday launch");
    e.stream.status = StreamStatus::Active;
    e.stream.startedAt = kStarted;
    e.stream.peakViewers = 40;
    return e;
}

LifecycleEvents events()
{
    return LifecycleEvents(PlaybackUrls(QUrl(QStringLiteral("http://127.0.0.1:8088/hls"))),
                           std::chrono::seconds(60));
}
} // namespace

class TestLifecycleEvents : public QObject
{
    Q_OBJECT

private slots:
    void aStartSaysWhereToWatch()
    {
        const Publication p = events().describe(entry(LiveEvent::kStreamStarted, 7, kStarted), 0);
        QCOMPARE(p.name, QStringLiteral("stream_started"));
        QCOMPARE(p.outboxId, qint64(7));
        QCOMPARE(p.at, kStarted);
        QCOMPARE(p.fields.value(u"title").toString(), QStringLiteral("Friday launch"));
        QCOMPARE(p.fields.value(u"started_at").toString(), toRfc3339(kStarted));
        QCOMPARE(p.fields.value(u"hls_url").toString(),
                 QStringLiteral("http://127.0.0.1:8088/hls/3f1c2a9e-8d4b-4e57-9a0c-5b2d7e6f1a34/"
                                "index.m3u8"));
    }

    void playableSaysWhereToWatchAndSince()
    {
        const QDateTime at = kStarted.addMSecs(2400);
        const Publication p = events().describe(entry(LiveEvent::kStreamPlayable, 11, at), 0);
        QCOMPARE(p.name, QStringLiteral("stream_playable"));
        QCOMPARE(p.fields.value(u"playable_at").toString(), toRfc3339(at));
        QCOMPARE(p.fields.value(u"hls_url").toString(),
                 QStringLiteral("http://127.0.0.1:8088/hls/3f1c2a9e-8d4b-4e57-9a0c-5b2d7e6f1a34/"
                                "index.m3u8"));
        // The watch page lives beside the HLS, on the same front.
        QCOMPARE(
            p.fields.value(u"watch_url").toString(),
            QStringLiteral("http://127.0.0.1:8088/watch/3f1c2a9e-8d4b-4e57-9a0c-5b2d7e6f1a34"));
    }

    void anInterruptionSaysHowLongItWaits()
    {
        const QDateTime at = kStarted.addSecs(600);
        const Publication p = events().describe(entry(LiveEvent::kStreamInterrupted, 8, at), 0);
        QCOMPARE(p.fields.value(u"grace_seconds").toInt(), 60);
        QCOMPARE(p.fields.value(u"interrupted_at").toString(), toRfc3339(at));
    }

    void aResumeCarriesTheFirstStart()
    {
        const QDateTime at = kStarted.addSecs(605);
        const Publication p = events().describe(entry(LiveEvent::kStreamResumed, 9, at), 0);
        QCOMPARE(p.fields.value(u"resumed_at").toString(), toRfc3339(at));
        QCOMPARE(p.fields.value(u"started_at").toString(), toRfc3339(kStarted));
    }

    void anEndTellsDurationAndTheHigherPeak()
    {
        OutboxEntry ended = entry(LiveEvent::kStreamEnded, 10, kStarted.addSecs(3700));
        ended.stream.status = StreamStatus::Completed;
        ended.stream.endedAt = kStarted.addSecs(3600); // last live, before the grace ran out
        const Publication seenMore = events().describe(ended, 57);
        QCOMPARE(seenMore.fields.value(u"status").toString(), QStringLiteral("COMPLETED"));
        QCOMPARE(seenMore.fields.value(u"ended_at").toString(), toRfc3339(ended.stream.endedAt));
        QCOMPARE(seenMore.fields.value(u"duration_seconds").toInt(), 3600);
        QCOMPARE(seenMore.fields.value(u"peak_viewers").toInt(), 57);
        QCOMPARE(events().describe(ended, 3).fields.value(u"peak_viewers").toInt(), 40);
    }
};

QTEST_GUILESS_MAIN(TestLifecycleEvents)
#include "tst_lifecycle_events.moc"
