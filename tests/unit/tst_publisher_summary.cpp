// PublisherSummary: a publisher's details in the words of the stream pane.
#include "console/publisher/publisher_summary.h"

#include <QTest>

using nova::PublisherDetails;
using nova::PublisherSummary;

namespace {
PublisherDetails camera()
{
    PublisherDetails details;
    details.address = QStringLiteral("192.0.2.7");
    details.ingest = QStringLiteral("ingest-2");
    details.video = {QStringLiteral("H264"), QStringLiteral("High"), 1280, 720, 29.97, 2.0};
    details.audio = PublisherDetails::Audio{QStringLiteral("AAC"), 44100, 1};
    details.bitrateKbps = 900;
    return details;
}
} // namespace

class TestPublisherSummary : public QObject
{
    Q_OBJECT

private slots:
    void everyFigureHasItsWords()
    {
        const PublisherSummary summary = PublisherSummary::of(camera());
        QCOMPARE(summary.video, "H264 High · 1280×720 · 29.97 fps · keyframe every 2.0 s");
        QCOMPARE(summary.audio, "AAC · 44.1 kHz · mono");
        QCOMPARE(summary.connection, "900 kb/s from 192.0.2.7 via ingest-2");
    }

    void whatIsNotKnownSaysSo()
    {
        PublisherDetails details = camera();
        details.video.fps.reset();
        details.video.keyframeIntervalS.reset();
        details.video.profile.clear();
        details.audio.reset();
        details.address.clear();
        const PublisherSummary summary = PublisherSummary::of(details);
        QCOMPARE(summary.video, "H264 · 1280×720 · keyframe interval not measured yet");
        QCOMPARE(summary.audio, "no sound");
        QCOMPARE(summary.connection, "900 kb/s from an unknown address via ingest-2");
    }
};

QTEST_GUILESS_MAIN(TestPublisherSummary)
#include "tst_publisher_summary.moc"
