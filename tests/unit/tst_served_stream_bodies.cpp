// ServedStreamBodies: a stream's answer is serialised again exactly when something it shows
// changed, and is otherwise the bytes last served.

#include "server/streams/served_stream_bodies.h"
#include "shared/qt_compat.h"
#include "shared/stream_json.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace nova;

namespace {
const QDateTime kNow = utcDateTime(QDate(2026, 12, 1), QTime(20, 0));

Stream liveStream()
{
    Stream stream;
    stream.id = QUuid::fromString(QStringLiteral("3f1c2a9e-8d4b-4e57-9a0c-5b2d7e6f1a34"));
    stream.title = QStringLiteral("Friday launch");
    stream.status = StreamStatus::Active;
    stream.createdAt = kNow.addSecs(-600);
    stream.startedAt = kNow.addSecs(-300);
    stream.viewerCount = 12;
    stream.peakViewers = 20;
    stream.hlsUrl = QUrl(QStringLiteral("http://127.0.0.1:8088/hls/3f1c2a9e/index.m3u8"));
    return stream;
}

QByteArray fresh(const Stream &stream, const QDateTime &now)
{
    return QJsonDocument(toJson(stream, now)).toJson(QJsonDocument::Compact);
}
} // namespace

class TestServedStreamBodies : public QObject
{
    Q_OBJECT

private slots:
    void anUnchangedStreamIsAnsweredWithTheSameBytes()
    {
        ServedStreamBodies bodies;
        const Stream stream = liveStream();
        const QByteArray first = bodies.bodyFor(stream, kNow);
        QCOMPARE(first, fresh(stream, kNow));
        const QByteArray again = bodies.bodyFor(stream, kNow.addMSecs(400)); // same second live
        QCOMPARE(again, first);
        QVERIFY(again.isSharedWith(first)); // not serialised again
    }

    void everyFieldShownIsFollowed_data()
    {
        using Change = std::function<void(Stream &)>;
        QTest::addColumn<Change>("change");
        QTest::addRow("title") << Change([](Stream &s) { s.title = QStringLiteral("renamed"); });
        QTest::addRow("status") << Change([](Stream &s) { s.status = StreamStatus::Completed; });
        QTest::addRow("viewers") << Change([](Stream &s) { s.viewerCount = 13; });
        QTest::addRow("peak") << Change([](Stream &s) { s.peakViewers = 21; });
        QTest::addRow("created") << Change([](Stream &s) { s.createdAt = s.createdAt.addSecs(1); });
        QTest::addRow("started") << Change([](Stream &s) { s.startedAt = s.startedAt.addSecs(1); });
        QTest::addRow("ended") << Change([](Stream &s) { s.endedAt = kNow; });
        QTest::addRow("hls url") << Change(
            [](Stream &s) { s.hlsUrl = QUrl(QStringLiteral("http://cdn/x.m3u8")); });
    }
    void everyFieldShownIsFollowed()
    {
        using Change = std::function<void(Stream &)>;
        QFETCH(Change, change);
        ServedStreamBodies bodies;
        Stream stream = liveStream();
        const QByteArray before = bodies.bodyFor(stream, kNow);
        change(stream);
        const QByteArray after = bodies.bodyFor(stream, kNow);
        QCOMPARE(after, fresh(stream, kNow));
        QVERIFY(after != before);
    }

    void aLiveStreamsDurationMovesWithTheClock()
    {
        ServedStreamBodies bodies;
        const Stream stream = liveStream();
        bodies.bodyFor(stream, kNow);
        const QDateTime later = kNow.addSecs(1);
        QCOMPARE(bodies.bodyFor(stream, later), fresh(stream, later));
        QVERIFY(fresh(stream, later).contains("\"duration_seconds\":301"));
    }

    void anEndedStreamStaysTheSameAsTimePasses()
    {
        ServedStreamBodies bodies;
        Stream stream = liveStream();
        stream.status = StreamStatus::Completed;
        stream.endedAt = kNow;
        const QByteArray first = bodies.bodyFor(stream, kNow);
        QVERIFY(bodies.bodyFor(stream, kNow.addSecs(3600)).isSharedWith(first));
    }

    void itKeepsNoMoreStreamsThanItsCapacity()
    {
        ServedStreamBodies bodies(8);
        for (int i = 0; i < 50; ++i) {
            Stream stream = liveStream();
            stream.id = QUuid::createUuid();
            QCOMPARE(bodies.bodyFor(stream, kNow), fresh(stream, kNow));
            QVERIFY(bodies.size() <= 8);
        }
    }
};

QTEST_GUILESS_MAIN(TestServedStreamBodies)
#include "tst_served_stream_bodies.moc"
