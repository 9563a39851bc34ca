// Redis fails under a live stream with viewers on two replicas, and no event is lost or told
// twice. Killed just before the stream ends: stream_ended reaches the viewers of both replicas all
// the same, by PostgreSQL, with the same seq and no gap, and a viewer who reconnects misses
// nothing. Stopped (it takes commands and answers none) while the stream ends: the end is told
// once Redis answers again, exactly once, though the relay sent it more than once meanwhile.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace nova;
using namespace nova::test;

namespace {
// A live stream and one viewer of it on each replica, both told it started.
struct WatchedStream
{
    QString id;
    BroadcasterProcess broadcaster;
    std::unique_ptr<LiveClient> first;
    std::unique_ptr<LiveClient> second;
};

bool sameSeq(const LiveClient &a, const LiveClient &b, const QString &name)
{
    const auto ofA = a.eventsNamed(name);
    const auto ofB = b.eventsNamed(name);
    return ofA.size() == 1 && ofB.size() == 1 && ofA.first().seq == ofB.first().seq;
}

} // namespace

class TestRedisFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QString output;
        QVERIFY2(StackControl::up(&output, 2), qPrintable(output));
    }

    void init()
    {
        m_stream = std::make_unique<WatchedStream>();
        const QJsonObject stream = createStream(QString::fromLatin1(QTest::currentTestFunction()));
        m_stream->id = stream.value(u"id").toString();
        m_stream->first = std::make_unique<LiveClient>(m_stream->id, QString(), replicaUrl(1));
        m_stream->second = std::make_unique<LiveClient>(m_stream->id, QString(), replicaUrl(2));
        QVERIFY(m_stream->first->waitConnected());
        QVERIFY(m_stream->second->waitConnected());
        m_stream->broadcaster.start(smallPicture(stream), stream.value(u"stream_key").toString());
        QVERIFY(m_stream->first->waitFor("stream_started", 15'000));
        QVERIFY(m_stream->second->waitFor("stream_started", 5000));
        QVERIFY(sameSeq(*m_stream->first, *m_stream->second, QStringLiteral("stream_started")));
    }

    void cleanup()
    {
        StackControl::resumeRedis();
        QString output;
        QVERIFY2(StackControl::up(&output, 2), qPrintable(output));
        m_stream.reset();
        // Redis runs again, and both replicas are back on it (their reconnect backs off up to
        // 5 s): until then they would take the other path, and the next drill would not be one.
        for (int replica : {1, 2}) {
            const QUrl ready = replicaUrl(replica).resolved(QUrl(QStringLiteral("/readyz")));
            QVERIFY(pollUntil([&] { return httpCall("GET", ready).status == 200; }, 15'000));
        }
    }

    void anEndWhileRedisIsDownReachesBothReplicas()
    {
        LiveClient &first = *m_stream->first;
        LiveClient &second = *m_stream->second;
        QVERIFY(StackControl::killRedis());
        // Redis is away: the events go by PostgreSQL, still one seq for both replicas.
        const qint64 killedAt = first.events().last().seq;
        QVERIFY(first.waitFor("stream_metrics", 10'000,
                              [&](const LiveEvent &e) { return e.seq > killedAt + 1; }));

        QElapsedTimer told;
        told.start();
        QCOMPARE(operatorCallOn(1, "DELETE", "/api/v1/streams/" + m_stream->id).status, 200);
        QVERIFY(first.waitFor("stream_ended", 5000));
        QVERIFY(second.waitFor("stream_ended", 5000));
        qInfo("stream_ended on both replicas %lld ms after DELETE, Redis down", told.elapsed());
        QVERIFY(sameSeq(first, second, QStringLiteral("stream_ended")));
        QVERIFY(seqsRunWithoutGaps(first.events()));
        QVERIFY(seqsRunWithoutGaps(second.events()));
        QCOMPARE(first.waitFor("stream_ended", 0)->data.value(u"status").toString(),
                 QStringLiteral("COMPLETED"));

        // A viewer who reconnects to the other replica right after misses nothing either.
        const qint64 before = first.eventsNamed("stream_ended").first().seq - 1;
        LiveClient late(m_stream->id, QString::number(before), replicaUrl(2));
        QVERIFY(late.waitFor("stream_ended", 5000));
        QCOMPARE(late.events().first().seq, before + 1);
    }

    void anEndWhileRedisAnswersNothingIsToldOnceWhenItDoes()
    {
        LiveClient &first = *m_stream->first;
        LiveClient &second = *m_stream->second;
        qint64 lastBefore = 0;
        {
            RedisPause pause;
            QVERIFY(pause.paused);
            lastBefore = first.events().last().seq;
            QCOMPARE(operatorCallOn(2, "DELETE", "/api/v1/streams/" + m_stream->id).status, 200);
            // Replica 1 (which statusOf asks) learns of the end from PostgreSQL's NOTIFY, which
            // does not wait for Redis: within moments, not necessarily before the next request.
            QVERIFY(pollUntil([&] { return statusOf(m_stream->id) == QStringLiteral("COMPLETED"); },
                              2000, 20));
            // Past Redis's deadline (1 s) and the relay's retries: still nothing told, nothing
            // taken by the other path (Redis may have the event, only Redis may number it). A
            // wait for something not to happen: bounded, and long enough for two retries.
            QVERIFY(!first.waitFor("stream_ended", 3000));
            QVERIFY(second.eventsNamed("stream_ended").isEmpty());
        }
        QElapsedTimer told;
        told.start();
        QVERIFY(first.waitFor("stream_ended", 10'000));
        QVERIFY(second.waitFor("stream_ended", 5000));
        qInfo("stream_ended %lld ms after Redis answered again", told.elapsed());
        // Once each, though it was sent more than once.
        QVERIFY(first.waitFor("stream_ended", 0)->seq > lastBefore);
        QVERIFY(sameSeq(first, second, QStringLiteral("stream_ended")));
        QVERIFY(seqsRunWithoutGaps(second.events()));
        // A replay of the stream's last events from Redis holds the end once too.
        LiveClient late(m_stream->id, QString::number(lastBefore), replicaUrl(1));
        QVERIFY(late.waitFor("stream_ended", 5000));
        QCOMPARE(late.eventsNamed("stream_ended").size(), 1);
    }

private:
    std::unique_ptr<WatchedStream> m_stream;
};

QTEST_GUILESS_MAIN(TestRedisFaults)
#include "tst_redis_faults.moc"
