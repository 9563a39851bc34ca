// StreamTableModel: the console's streams table kept current by live events.
#include "console/streams/stream_table_model.h"

#include <QBrush>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using nova::LiveEvent;
using nova::Stream;
using nova::StreamStatus;
using nova::StreamTableModel;

namespace {
const QUuid kStream = QUuid::fromString(QStringLiteral("6f1c2a8e-3f4b-4c1e-9a57-2d0c1e5b7a10"));

LiveEvent liveEvent(const char *name, qint64 seq, const QString &timestamp, QJsonObject fields = {})
{
    fields.insert("stream_id", kStream.toString(QUuid::WithoutBraces));
    fields.insert("timestamp", timestamp);
    fields.insert("seq", seq);
    const QByteArray json =
        QJsonDocument(QJsonObject{{"event", QString::fromLatin1(name)}, {"data", fields}})
            .toJson(QJsonDocument::Compact);
    auto parsed = LiveEvent::parse(json);
    if (!parsed)
        qFatal("test event did not parse: %s", json.constData());
    return *parsed;
}

QString cell(const StreamTableModel &model, int column)
{
    return model.data(model.index(0, column)).toString();
}

Stream pending(const QString &title)
{
    Stream stream;
    stream.id = kStream;
    stream.title = title;
    stream.status = StreamStatus::Pending;
    return stream;
}
} // namespace

class TestStreamTableModel : public QObject
{
    Q_OBJECT

private slots:
    void liveEventsUpdateTheRow()
    {
        StreamTableModel model;
        model.setClock([] { return QDateTime::fromString("2026-11-22T10:01:05Z", Qt::ISODate); });
        model.setStreams({pending("Morning show")});
        QCOMPARE(cell(model, StreamTableModel::StatusColumn), "PENDING");
        QCOMPARE(cell(model, StreamTableModel::UptimeColumn), "–");

        model.apply(liveEvent(LiveEvent::kStreamStarted, 1, "2026-11-22T10:00:00.000Z"));
        QCOMPARE(cell(model, StreamTableModel::StatusColumn), "ACTIVE");
        QCOMPARE(cell(model, StreamTableModel::UptimeColumn), "1:05");
        QCOMPARE(model.liveCount(), 1);

        model.apply(liveEvent(LiveEvent::kViewerCountChanged, 2, "2026-11-22T10:00:01.000Z",
                              {{"viewer_count", 7}, {"peak_viewers", 9}}));
        QCOMPARE(cell(model, StreamTableModel::ViewersColumn), "7");
        QCOMPARE(cell(model, StreamTableModel::PeakColumn), "9");
        QCOMPARE(model.totalViewers(), 7);

        model.apply(liveEvent(LiveEvent::kStreamMetrics, 3, "2026-11-22T10:00:02.000Z",
                              {{"bitrate_kbps", 2480.4}, {"fps", 30}, {"ingest_latency_ms", 85}}));
        QCOMPARE(cell(model, StreamTableModel::BitrateColumn), "2480 kb/s");
        QCOMPARE(cell(model, StreamTableModel::LatencyColumn), "85 ms");

        model.apply(liveEvent(LiveEvent::kStreamEnded, 4, "2026-11-22T10:00:30.000Z"));
        QCOMPARE(cell(model, StreamTableModel::StatusColumn), "COMPLETED");
        QCOMPARE(cell(model, StreamTableModel::UptimeColumn), "0:30");
        QCOMPARE(cell(model, StreamTableModel::BitrateColumn), "–");
        QCOMPARE(model.liveCount(), 0);
        QCOMPARE(model.totalViewers(), 0);
        QCOMPARE(cell(model, StreamTableModel::PeakColumn), "9");
    }

    void aLostPublisherShowsReconnectingInAmberUntilItResumes()
    {
        StreamTableModel model;
        model.setStreams({pending("Field report")});
        model.apply(liveEvent(LiveEvent::kStreamStarted, 1, "2026-11-22T10:00:00.000Z"));
        model.apply(liveEvent(LiveEvent::kViewerCountChanged, 2, "2026-11-22T10:00:01.000Z",
                              {{"viewer_count", 3}, {"peak_viewers", 3}}));
        model.apply(liveEvent(LiveEvent::kStreamMetrics, 3, "2026-11-22T10:00:02.000Z",
                              {{"bitrate_kbps", 2000}, {"fps", 30}}));

        model.apply(liveEvent(LiveEvent::kStreamInterrupted, 4, "2026-11-22T10:00:03.000Z",
                              {{"grace_seconds", 60}}));
        QCOMPARE(cell(model, StreamTableModel::StatusColumn), "RECONNECTING");
        const QModelIndex status = model.index(0, StreamTableModel::StatusColumn);
        const QColor colour = model.data(status, Qt::ForegroundRole).value<QBrush>().color();
        QVERIFY2(colour.red() > 200 && colour.green() > 100 && colour.blue() < 60,
                 qPrintable(colour.name())); // amber, neither live green nor failed red
        QCOMPARE(cell(model, StreamTableModel::BitrateColumn), "–"); // no picture now
        QCOMPARE(model.liveCount(), 0);
        QCOMPARE(model.totalViewers(), 3); // they are still there, waiting

        model.apply(liveEvent(LiveEvent::kStreamResumed, 5, "2026-11-22T10:00:09.000Z"));
        QCOMPARE(cell(model, StreamTableModel::StatusColumn), "ACTIVE");
        QCOMPARE(model.liveCount(), 1);
    }

    void aLiveStreamShowsItsIngestNodeAndAStartAsksWhereItIsNow()
    {
        StreamTableModel model;
        Stream stream = pending("Two nodes");
        model.setStreams({stream});
        QCOMPARE(cell(model, StreamTableModel::IngestColumn), "–"); // held nowhere yet
        QSignalSpy asks(&model, &StreamTableModel::ingestMayHaveChanged);
        model.apply(liveEvent(LiveEvent::kStreamStarted, 1, "2026-11-22T10:00:00.000Z"));
        QCOMPARE(asks.size(), 1); // events do not say which node: the list does

        stream.status = StreamStatus::Active;
        stream.ingest = QStringLiteral("ingest-2");
        model.setStreams({stream});
        QCOMPARE(cell(model, StreamTableModel::IngestColumn), "ingest-2");
        model.apply(liveEvent(LiveEvent::kStreamEnded, 2, "2026-11-22T10:05:00.000Z"));
        QCOMPARE(cell(model, StreamTableModel::IngestColumn), "–");
        QCOMPARE(asks.size(), 1);
    }

    void eventOfAnUnknownStreamAddsARowAndAsksForIt()
    {
        StreamTableModel model;
        QSignalSpy unknown(&model, &StreamTableModel::unknownStream);
        model.apply(liveEvent(LiveEvent::kStreamStarted, 1, "2026-11-22T10:00:00.000Z"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(unknown.size(), 1);
        QCOMPARE(unknown.first().first().toUuid(), kStream);
        // Read later from the API: the title arrives, the live state stays.
        Stream listed = pending("Evening news");
        listed.status = StreamStatus::Active;
        model.setStreams({listed});
        QCOMPARE(cell(model, StreamTableModel::TitleColumn), "Evening news");
        QCOMPARE(cell(model, StreamTableModel::StatusColumn), "ACTIVE");
    }

    void playableComesFromItsEventAndAnOlderListKeepsIt()
    {
        StreamTableModel model;
        Stream live = pending("Show");
        live.status = StreamStatus::Active;
        model.setStreams({live});
        QVERIFY(!model.row(kStream)->stream.playable());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.apply(liveEvent(LiveEvent::kStreamPlayable, 1, "2026-11-22T10:00:03.000Z"));
        QVERIFY(model.row(kStream)->stream.playable());
        QCOMPARE(changed.size(), 1); // the preview waits on this
        model.setStreams({live});    // listed before the event: not playable in that snapshot
        QVERIFY(model.row(kStream)->stream.playable());
        live.status = StreamStatus::Completed;
        model.setStreams({live});
        QVERIFY(!model.row(kStream)->stream.playable());
    }

    void listKeepsNewerLiveFigures()
    {
        StreamTableModel model;
        Stream live = pending("Show");
        live.status = StreamStatus::Active;
        model.setStreams({live});
        model.apply(liveEvent(LiveEvent::kViewerCountChanged, 1, "2026-11-22T10:00:01.000Z",
                              {{"viewer_count", 4}, {"peak_viewers", 4}}));
        model.apply(liveEvent(LiveEvent::kStreamMetrics, 2, "2026-11-22T10:00:02.000Z",
                              {{"bitrate_kbps", 900}, {"fps", 25}}));
        live.viewerCount = 1; // an older snapshot
        model.setStreams({live});
        QCOMPARE(cell(model, StreamTableModel::ViewersColumn), "4");
        QCOMPARE(cell(model, StreamTableModel::BitrateColumn), "900 kb/s");
        QCOMPARE(cell(model, StreamTableModel::LatencyColumn), "–");
    }

    void listViewersCountUntilAnEventSaysOtherwise()
    {
        // Metrics came first (the row exists) but no viewer count yet: the list's is the one.
        StreamTableModel model;
        model.apply(liveEvent(LiveEvent::kStreamMetrics, 5, "2026-11-22T10:00:02.000Z",
                              {{"bitrate_kbps", 900}, {"fps", 25}}));
        Stream live = pending("Show");
        live.status = StreamStatus::Active;
        live.viewerCount = 3;
        live.peakViewers = 3;
        model.setStreams({live});
        QCOMPARE(cell(model, StreamTableModel::ViewersColumn), "3");
        QCOMPARE(cell(model, StreamTableModel::BitrateColumn), "900 kb/s");
    }
};

QTEST_GUILESS_MAIN(TestStreamTableModel)
#include "tst_stream_table_model.moc"
