// NginxStat: real /stat pages recorded from the stack's nginx-rtmp, and what is not one.

#include "server/ingest/nginx_stat.h"

#include <QFile>
#include <QTest>

using nova::NginxStat;

namespace {
QByteArray recorded(const char *name)
{
    QFile file(QStringLiteral(NOVA_TEST_DATA "/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", name);
    return file.readAll();
}
} // namespace

class TestNginxStat : public QObject
{
    Q_OBJECT

private slots:
    void aLiveStreamIsSeenInBothApplications()
    {
        const auto stat = NginxStat::parse(recorded("nginx_stat_live.xml"));
        QVERIFY(stat);
        QCOMPARE(stat->uptimeSeconds, 362);
        QCOMPARE(stat->streams.size(), 2);
        const auto live = stat->publishing(QStringLiteral("live"));
        QCOMPARE(live.size(), 1);
        const NginxStat::Stream &stream = live.first();
        QCOMPARE(stream.name, QStringLiteral("cfb3f3bc-223c-4d04-8b39-d6d58d21f0b1"));
        QCOMPARE(stream.publisherClient, QStringLiteral("62")); // not the relay client 66
        QCOMPARE(stream.bytesIn, 297932);
        QCOMPARE(stream.width, 640);
        QCOMPARE(stream.height, 360);
        QCOMPARE(stream.publisherAddress, QStringLiteral("127.0.0.1")); // not the relay's
        QCOMPARE(stream.videoCodec, QStringLiteral("H264"));
        QCOMPARE(stream.videoProfile, QStringLiteral("High"));
        QCOMPARE(stream.audioCodec, QStringLiteral("AAC"));
        QCOMPARE(stream.audioSampleRate, 48000);
        QCOMPARE(stream.audioChannels, 2);
        QCOMPARE(stream.clients, 2);
        QCOMPARE(stat->publishing(QStringLiteral("playback")).size(), 1);
        QCOMPARE(stat->publishing(QStringLiteral("elsewhere")).size(), 0);
    }

    void anIdleServerHasNoStreams()
    {
        const auto stat = NginxStat::parse(recorded("nginx_stat_idle.xml"));
        QVERIFY(stat);
        QVERIFY(stat->streams.isEmpty());
    }

    void whatIsNotAStatPageIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("html error page") << QByteArray("<html><body>502 Bad Gateway</body></html>");
        QTest::addRow("truncated") << recorded("nginx_stat_live.xml").left(900);
        QTest::addRow("not xml") << QByteArray("{\"rtmp\":1}");
    }
    void whatIsNotAStatPageIsRefused()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!NginxStat::parse(body));
    }
};

QTEST_GUILESS_MAIN(TestNginxStat)
#include "tst_nginx_stat.moc"
