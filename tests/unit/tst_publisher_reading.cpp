// A publisher's details: built from its node's /stat entry and the probe's measurements, and the
// JSON both sides of the API read.

#include "server/publisher/publisher_measurements.h"
#include "server/publisher/publisher_reading.h"
#include "shared/publisher_details.h"

#include <QJsonDocument>
#include <QTest>

using namespace nova;

namespace {
const QUuid kStream = QUuid::fromString(u"cfb3f3bc-223c-4d04-8b39-d6d58d21f0b1");

NginxStat::Stream liveEntry()
{
    NginxStat::Stream live;
    live.name = kStream.toString(QUuid::WithoutBraces);
    live.publishing = true;
    live.publisherAddress = QStringLiteral("192.0.2.7");
    live.videoCodec = QStringLiteral("H264");
    live.videoProfile = QStringLiteral("High");
    live.width = 1280;
    live.height = 720;
    live.audioCodec = QStringLiteral("AAC");
    live.audioSampleRate = 44100;
    live.audioChannels = 1;
    live.bandwidthIn = 2'512'000;
    return live;
}

BusEvent metrics(const QByteArray &fields, const char *name = "stream_metrics")
{
    const QByteArray json = "{\"event\":\"" + QByteArray(name) +
                            "\",\"data\":{\"stream_id\":\"cfb3f3bc-223c-4d04-8b39-d6d58d21f0b1\","
                            "\"timestamp\":\"2026-12-03T10:00:00.000Z\",\"seq\":3" +
                            fields + "}}";
    const auto event = BusEvent::fromJson(json);
    if (!event)
        qFatal("not an event: %s", json.constData());
    return *event;
}
} // namespace

class TestPublisherReading : public QObject
{
    Q_OBJECT

private slots:
    void statAndMeasurementsMakeTheDetails()
    {
        PublisherMeasurements measured;
        measured.apply(metrics(",\"bitrate_kbps\":2400,\"fps\":29.9,\"keyframe_interval_s\":2"));
        const PublisherDetails details =
            publisherDetails(liveEntry(), QStringLiteral("ingest-2"), measured.of(kStream));
        QCOMPARE(details.address, QStringLiteral("192.0.2.7"));
        QCOMPARE(details.ingest, QStringLiteral("ingest-2"));
        QCOMPARE(details.video.width, 1280);
        QCOMPARE(details.video.fps, std::optional(29.9)); // nothing declared: the measured one
        QCOMPARE(details.video.keyframeIntervalS, std::optional(2.0));
        QVERIFY(details.audio);
        QCOMPARE(details.audio->sampleRate, 44100);
        QCOMPARE(details.bitrateKbps, 2512.0); // nginx's own average
    }

    void whatThePublisherDeclaresWinsAndNginxsZeroDoesNot()
    {
        PublisherMeasurements measured;
        measured.apply(metrics(",\"bitrate_kbps\":2400,\"fps\":29.9,\"keyframe_interval_s\":null"));
        NginxStat::Stream live = liveEntry();
        live.frameRate = 30;
        live.bandwidthIn = 0; // nginx has not averaged a first interval yet
        const PublisherDetails details = publisherDetails(live, {}, measured.of(kStream));
        QCOMPARE(details.video.fps, std::optional(30.0));
        QCOMPARE(details.video.keyframeIntervalS, std::nullopt); // not measured yet
        QCOMPARE(details.bitrateKbps, 2400.0);
    }

    void aSecondWithoutKeyframeKeepsTheInterval()
    {
        PublisherMeasurements measured;
        measured.apply(metrics(",\"fps\":30,\"keyframe_interval_s\":4"));
        measured.apply(metrics(",\"fps\":30,\"keyframe_interval_s\":null"));
        QCOMPARE(measured.of(kStream)->keyframeIntervalS, std::optional(4.0));
    }

    void anInterruptedPublisherIsMeasuredAnew()
    {
        PublisherMeasurements measured;
        measured.apply(metrics(",\"fps\":30,\"keyframe_interval_s\":4"));
        measured.apply(metrics(",\"grace_seconds\":30", "stream_interrupted"));
        QVERIFY(!measured.of(kStream));
        measured.apply(metrics(",\"viewer_count\":3", "viewer_count_changed"));
        QVERIFY(!measured.of(kStream)); // other events say nothing of the publisher
    }

    void withoutSoundAudioIsNull()
    {
        NginxStat::Stream live = liveEntry();
        live.audioCodec.clear();
        const QJsonObject json = toJson(publisherDetails(live, QStringLiteral("ingest-1"), {}));
        QVERIFY(json.value(u"audio").isNull());
        QVERIFY(json.value(u"video").toObject().value(u"fps").isNull());
        QVERIFY(json.value(u"video").toObject().value(u"keyframe_interval_s").isNull());
    }

    void theJsonReadsBack()
    {
        PublisherMeasurements measured;
        measured.apply(metrics(",\"fps\":29.97,\"keyframe_interval_s\":1"));
        const PublisherDetails sent =
            publisherDetails(liveEntry(), QStringLiteral("ingest-1"), measured.of(kStream));
        const QJsonObject json = toJson(sent);
        QCOMPARE(
            QJsonDocument(json).toJson(QJsonDocument::Compact),
            QByteArray("{\"address\":\"192.0.2.7\",\"audio\":{\"channels\":1,\"codec\":\"AAC\","
                       "\"sample_rate\":44100},\"bitrate_kbps\":2512,\"ingest\":\"ingest-1\","
                       "\"video\":{\"codec\":\"H264\",\"fps\":29.97,\"height\":720,"
                       "\"keyframe_interval_s\":1,\"profile\":\"High\",\"width\":1280}}"));
        const auto read = publisherDetailsFromJson(json);
        QVERIFY(read);
        QCOMPARE(read->address, sent.address);
        QCOMPARE(read->video.fps, sent.video.fps);
        QCOMPARE(read->video.keyframeIntervalS, sent.video.keyframeIntervalS);
        QCOMPARE(read->audio->channels, 1);
        QCOMPARE(read->bitrateKbps, 2512.0);
    }

    void whatIsNotAPublisherIsRefused()
    {
        QVERIFY(!publisherDetailsFromJson({}));
        QVERIFY(!publisherDetailsFromJson({{"ingest", "ingest-1"}}));
        QVERIFY(!publisherDetailsFromJson({{"ingest", 3}, {"video", QJsonObject{}}}));
    }
};

QTEST_GUILESS_MAIN(TestPublisherReading)
#include "tst_publisher_reading.moc"
