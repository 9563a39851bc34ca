// The broadcaster's window on the real stack, driven through its widgets under offscreen
// rendering: a streamer pastes a URL and key, goes live, sees the encoded preview and the stats,
// and stops; a wrong key and an operator ending the stream are told in words; creating a stream
// from the window keeps its secrets in a file only the owner can read; a streamer signed in with
// their own token sees only their own streams and can get a new key for one.

#include "broadcaster/ui/main_window.h"
#include "broadcaster/ui/preview_view.h"
#include "broadcaster/ui/secret_store.h"
#include "broadcaster/ui/stats_panel.h"
#include "tests/support/accounts.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"
#include "tests/support/widget_lookup.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryFile>
#include <QTest>

using namespace nova;
using namespace nova::test;

namespace {

// A small picture keeps the test light on a shared machine.
void chooseSmallVideo(MainWindow &window)
{
    child<QComboBox>(window, "size")->setCurrentText(QStringLiteral("640x360"));
    child<QSpinBox>(window, "bitrate")->setValue(600);
    child<QComboBox>(window, "preset")->setCurrentText(QStringLiteral("ultrafast"));
}

void pasteDestination(MainWindow &window, const QString &url, const QString &key)
{
    child<QTabWidget>(window, "destination")->setCurrentIndex(1);
    child<QLineEdit>(window, "rtmpUrl")->setText(url);
    child<QLineEdit>(window, "streamKey")->setText(key);
}
// The Nova server tab, connected to the stack as an operator.
void connectToTheStack(MainWindow &window)
{
    child<QTabWidget>(window, "destination")->setCurrentIndex(0);
    child<QLineEdit>(window, "serverUrl")->setText(StackEnv::get().apiUrl.toString());
    child<QLineEdit>(window, "token")->setText(StackEnv::get().adminToken);
    QTest::mouseClick(child<QPushButton>(window, "connect"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(window, "serverState")->text(),
                              QStringLiteral("Signed in as admin (operator)"), 5000);
}
} // namespace

class TestBroadcasterWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QStandardPaths::setTestModeEnabled(true); // settings and secrets in a test location
        qputenv("NOVA_SECRET_STORE", "file");
        QSettings().clear();
        QFile::remove(SecretStore::filePath());
    }

    void goesLiveShowsWhatIsSentAndStops()
    {
        const QJsonObject created = createStream(QStringLiteral("window test"));
        const QString id = created.value(u"id").toString();
        MainWindow window;
        window.show();
        pasteDestination(window, created.value(u"rtmp_url").toString(),
                         created.value(u"stream_key").toString());
        QCOMPARE(child<QLineEdit>(window, "streamKey")->echoMode(), QLineEdit::Password);
        chooseSmallVideo(window);
        auto *stats = child<StatsPanel>(window, "stats");
        QCOMPARE(stats->statusText(), QStringLiteral("Stopped"));

        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Live"), 10'000);
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        // Stats come each second; the preview shows the decoded picture at the asked shape.
        QTRY_VERIFY_WITH_TIMEOUT(
            stats->text("bitrate").contains(u"kb/s") && stats->text("uptime") != u"00:00:00", 5000);
        QVERIFY(stats->text("fps").endsWith(u"/ 30 fps"));
        QVERIFY(stats->text("dropped").startsWith(u"0 "));
        QVERIFY(stats->text("cpu").contains(u"%"));
        QTRY_VERIFY_WITH_TIMEOUT(!child<PreviewView>(window, "preview")->picture().isNull(), 5000);
        const QImage preview = child<PreviewView>(window, "preview")->picture();
        QCOMPARE(preview.width() * 9, preview.height() * 16);

        // Settings that cannot change live are locked; the bitrate can.
        QVERIFY(!child<QComboBox>(window, "size")->isEnabled());
        QVERIFY(!child<QTabWidget>(window, "destination")->isEnabled());
        QVERIFY(child<QSpinBox>(window, "bitrate")->isEnabled());
        QVERIFY(!child<QPushButton>(window, "goLive")->isEnabled());

        QTest::mouseClick(child<QPushButton>(window, "stop"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Stopped"), 5000);
        QVERIFY(child<QComboBox>(window, "size")->isEnabled());
        QVERIFY(child<QLabel>(window, "message")->text().isEmpty());
        // Published with a pasted key: the server cannot tell a stop from a dropped network and
        // waits for it to come back, until its owner ends it.
        QVERIFY(pollUntil([&] { return statusOf(id) == u"RECONNECTING"; }, 5000));
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }

    void aFileThatCannotBePlayedIsToldWhileTheStreamGoesOn()
    {
        const QJsonObject created = createStream(QStringLiteral("window bad file"));
        const QString id = created.value(u"id").toString();
        QTemporaryFile notAVideo(QDir::tempPath() + QStringLiteral("/nova-XXXXXX.mp4"));
        QVERIFY(notAVideo.open());
        notAVideo.write("this is not a video");
        notAVideo.flush();
        MainWindow window;
        window.show();
        pasteDestination(window, created.value(u"rtmp_url").toString(),
                         created.value(u"stream_key").toString());
        chooseSmallVideo(window);
        auto *source = child<QComboBox>(window, "source");
        source->setCurrentIndex(source->findText(QStringLiteral("Video file")));
        child<QLineEdit>(window, "mediaFile")->setText(notAVideo.fileName());

        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        auto *stats = child<StatsPanel>(window, "stats");
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Live"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(window, "message")->text().startsWith(u"Cannot play the file"), 10'000);
        QCOMPARE(stats->statusText(), QStringLiteral("Live"));

        QTest::mouseClick(child<QPushButton>(window, "stop"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Stopped"), 5000);
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }

    void aStreamerSignsInPicksTheirOwnStreamAndGetsItANewKey()
    {
        const Person streamer = makeAccount("streamer");
        const Person other = makeAccount("streamer");
        const QString mine =
            callAs(streamer.token, "POST", "/api/v1/streams", {{"title", "made on the web"}})
                .json()
                .value(u"id")
                .toString();
        const QString theirs = callAs(other.token, "POST", "/api/v1/streams", {{"title", "theirs"}})
                                   .json()
                                   .value(u"id")
                                   .toString();
        QVERIFY(!mine.isEmpty() && !theirs.isEmpty());

        MainWindow window;
        window.show();
        child<QTabWidget>(window, "destination")->setCurrentIndex(0);
        child<QLineEdit>(window, "serverUrl")->setText(StackEnv::get().apiUrl.toString());
        child<QLineEdit>(window, "token")->setText(streamer.token);
        QTest::mouseClick(child<QPushButton>(window, "connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(window, "serverState")->text(),
                                  QStringLiteral("Signed in as %1 (streamer)").arg(streamer.name),
                                  5000);
        auto *choice = child<QComboBox>(window, "streamChoice");
        QTRY_VERIFY_WITH_TIMEOUT(choice->findData(mine) >= 0, 5000);
        QCOMPARE(choice->findData(theirs), -1);

        // Made elsewhere, so its key is not here: a new one is, once asked for.
        choice->setCurrentIndex(choice->findData(mine));
        auto *rotate = child<QPushButton>(window, "rotateKey");
        QVERIFY(rotate->isEnabled());
        QTest::mouseClick(rotate, Qt::LeftButton);
        auto *message = child<QLabel>(window, "message");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"new key"), 5000);
        QCOMPARE(choice->currentText(), QStringLiteral("made on the web"));

        chooseSmallVideo(window);
        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        auto *stats = child<StatsPanel>(window, "stats");
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Live"), 10'000);
        QVERIFY(pollUntil([&] { return statusOf(mine) == u"ACTIVE"; }, 5000));
        // Stop ends it with the streamer's own token.
        QTest::mouseClick(child<QPushButton>(window, "stop"), Qt::LeftButton);
        QVERIFY(pollUntil([&] { return statusOf(mine) == u"COMPLETED"; }, 5000));
    }

    void stopEndsAStreamMadeThroughTheServer()
    {
        MainWindow window;
        window.show();
        connectToTheStack(window);
        if (QTest::currentTestFailed())
            return;
        child<QLineEdit>(window, "streamTitle")->setText(QStringLiteral("stopped in the window"));
        chooseSmallVideo(window);
        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        auto *stats = child<StatsPanel>(window, "stats");
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Live"), 10'000);
        const QString id = QSettings().value("streams/ids").toStringList().last();
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        // The streamer meant it: the stream ends now, not after the reconnect grace.
        QTest::mouseClick(child<QPushButton>(window, "stop"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Stopped"), 5000);
        QVERIFY(pollUntil([&] { return statusOf(id) == u"COMPLETED"; }, 5000));
    }

    void aWrongKeyIsToldInWords()
    {
        const QJsonObject created = createStream(QStringLiteral("window wrong key"));
        MainWindow window;
        window.show();
        pasteDestination(window, created.value(u"rtmp_url").toString(),
                         created.value(u"stream_key").toString().left(21) + QString(43, u'C'));
        chooseSmallVideo(window);
        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        auto *message = child<QLabel>(window, "message");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"refused the stream key"), 10'000);
        QCOMPARE(child<StatsPanel>(window, "stats")->statusText(), QStringLiteral("Stopped"));
        QVERIFY(child<QPushButton>(window, "goLive")->isEnabled());
    }

    void aStreamCreatedHereAndEndedByAnOperatorIsToldInWords()
    {
        MainWindow window;
        window.show();
        connectToTheStack(window);
        if (QTest::currentTestFailed())
            return;
        child<QLineEdit>(window, "streamTitle")->setText(QStringLiteral("made in the window"));
        chooseSmallVideo(window);
        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        auto *stats = child<StatsPanel>(window, "stats");
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Live"), 10'000);

        // The token and the new key were kept outside the settings, readable by the owner only.
        QFile secrets(SecretStore::filePath());
        QVERIFY(secrets.exists());
        QCOMPARE(secrets.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        QFile settings(QSettings().fileName());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains(StackEnv::get().adminToken.toUtf8()));

        const QString id = QSettings().value("streams/ids").toStringList().last();
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        // A viewer arrives: the live count shows it (and the broadcaster does not count itself).
        LiveClient viewer(id);
        QVERIFY(viewer.waitConnected());
        QTRY_COMPARE_WITH_TIMEOUT(stats->text("viewers"), QStringLiteral("1"), 5000);
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
        auto *message = child<QLabel>(window, "message");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"ended by an operator"), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Stopped"), 5000);
    }
};

QTEST_MAIN(TestBroadcasterWindow)
#include "tst_broadcaster_window.moc"
