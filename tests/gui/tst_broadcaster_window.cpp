// The broadcaster's window on the real stack, driven through its widgets under offscreen
// rendering: a streamer pastes a URL and key, goes live, sees the encoded preview and the stats,
// and stops; a wrong key and an operator ending the stream are told in words; creating a stream
// from the window keeps its secrets in a file only the owner can read; a streamer signed in with
// their own token sees only their own streams and can get a new key for one; the source picker
// sends the screen (a test X server showing a known picture) with the desktop's sound (a test
// PulseAudio), the mixer meters and mutes each sound, and Record keeps what is sent.

#include "broadcaster/ui/level_meter.h"
#include "broadcaster/ui/main_window.h"
#include "broadcaster/ui/preview_view.h"
#include "broadcaster/ui/secret_store.h"
#include "broadcaster/ui/stats_panel.h"
#include "tests/support/accounts.h"
#include "tests/support/http_call.h"
#include "tests/support/live_client.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"
#include "tests/support/virtual_desktop.h"
#include "tests/support/widget_lookup.h"

#include <QCameraDevice>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QToolButton>

using namespace nova;
using namespace nova::test;

namespace {

// A small picture keeps the test light on a shared machine; the test pattern and its tone are
// what it sends unless a test picks otherwise.
void chooseSmallVideo(MainWindow &window)
{
    child<QComboBox>(window, "size")->setCurrentText(QStringLiteral("640x360"));
    child<QSpinBox>(window, "bitrate")->setValue(600);
    child<QComboBox>(window, "preset")->setCurrentText(QStringLiteral("ultrafast"));
    auto *picture = child<QComboBox>(window, "source");
    picture->setCurrentIndex(
        picture->findText(QStringLiteral("Test pattern"), Qt::MatchStartsWith));
    child<QCheckBox>(window, "microphone")->setChecked(false);
    child<QCheckBox>(window, "desktopAudio")->setChecked(false);
    child<QCheckBox>(window, "testTone")->setChecked(true);
}

void choosePicture(MainWindow &window, const QString &name)
{
    auto *picture = child<QComboBox>(window, "source");
    picture->setCurrentIndex(picture->findText(name, Qt::MatchStartsWith));
}

// The mixer's widget `name` ("meter", "mute", "level") in the row of the sound `sound`.
template<typename T>
T *stripWidget(MainWindow &window, const char *name, const QString &sound)
{
    for (T *widget : child<QWidget>(window, "mixer")->findChildren<T *>(QString::fromLatin1(name)))
        if (widget->accessibleName() == sound)
            return widget;
    return nullptr;
}

// An environment variable as the test needs it (empty: unset), put back as it was afterwards: the
// window reads DISPLAY for the screen.
class ScopedVariable
{
public:
    ScopedVariable(const char *name, const QString &value)
        : m_name(name)
        , m_saved(qgetenv(name))
        , m_wasSet(qEnvironmentVariableIsSet(name))
    {
        if (value.isEmpty())
            qunsetenv(name);
        else
            qputenv(name, value.toUtf8());
    }
    ~ScopedVariable()
    {
        if (m_wasSet)
            qputenv(m_name, m_saved);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    QByteArray m_saved;
    bool m_wasSet;
};

bool near(QRgb seen, const QColor &wanted)
{
    return std::abs(qRed(seen) - wanted.red()) < 40 &&
           std::abs(qGreen(seen) - wanted.green()) < 40 &&
           std::abs(qBlue(seen) - wanted.blue()) < 40;
}

void pasteDestination(MainWindow &window, const QString &url, const QString &key)
{
    child<QTabWidget>(window, "destination")->setCurrentIndex(1);
    child<QLineEdit>(window, "rtmpUrl")->setText(url);
    child<QLineEdit>(window, "streamKey")->setText(key);
}

// The RTMP tab, filled with a stream the test created.
void pasteStream(MainWindow &window, const QJsonObject &created)
{
    pasteDestination(window, created.value(u"rtmp_url").toString(),
                     created.value(u"stream_key").toString());
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
        pasteStream(window, created);
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
        pasteStream(window, created);
        chooseSmallVideo(window);
        choosePicture(window, QStringLiteral("Media file"));
        child<QLineEdit>(window, "mediaFile")->setText(notAVideo.fileName());

        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        auto *stats = child<StatsPanel>(window, "stats");
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Live"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(window, "message")->text().startsWith(u"Cannot play the file"), 10'000);
        QCOMPARE(stats->statusText(), QStringLiteral("Live"));
        // The file's own sound is a strip of the mixer, which says what is wrong with it too.
        QVERIFY(stripWidget<LevelMeter>(window, "meter", QStringLiteral("Media file")));
        QTRY_VERIFY_WITH_TIMEOUT(
            stripWidget<QLabel>(window, "problem", QStringLiteral("Media file"))
                ->text()
                .startsWith(u"Cannot play the file"),
            2000);
        // The test pattern is offered in its place, and taken without a break in the stream.
        auto *instead = child<QPushButton>(window, "useTestPattern");
        QTRY_VERIFY_WITH_TIMEOUT(instead->isVisible(), 5000);
        QTest::mouseClick(instead, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(window, "message")->text().isEmpty(), 5000);
        QVERIFY(!instead->isVisible());
        QCOMPARE(stats->statusText(), QStringLiteral("Live"));
        QCOMPARE(stats->text("reconnects"), QStringLiteral("0"));

        QTest::mouseClick(child<QPushButton>(window, "stop"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Stopped"), 5000);
        QCOMPARE(operatorCall("DELETE", "/api/v1/streams/" + id).status, 200);
    }

    void theSourcePickerOffersWhatAStreamerShowsAndRefusesWhatCannotBeSent()
    {
        const ScopedVariable noDisplay("DISPLAY", QString());
        MainWindow window;
        window.show();
        auto *picture = child<QComboBox>(window, "source");
        QStringList offered;
        for (int i = 0; i < picture->count(); ++i)
            offered.append(picture->itemText(i).section(u' ', 0, 0).section(u':', 0, 0));
        offered.removeAll(QStringLiteral("Camera")); // one per camera, when there are any
        QCOMPARE(offered, (QStringList{"Screen", "Window", "Media", "Test"}));
        QCOMPARE(child<QCheckBox>(window, "overlay")->isEnabled(),
                 !QMediaDevices::videoInputs().isEmpty());

        // A region must be one.
        pasteDestination(window, StackEnv::get().rtmpUrl, QStringLiteral("unused-key"));
        chooseSmallVideo(window);
        choosePicture(window, QStringLiteral("Window region"));
        auto *region = child<QLineEdit>(window, "region");
        QVERIFY(region->isVisible());
        region->setText(QStringLiteral("10,10,99x"));
        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        QVERIFY(child<QLabel>(window, "message")->text().startsWith(u"The region must look like"));
        QVERIFY(!window.isBroadcasting());
        QVERIFY(child<QPushButton>(window, "goLive")->isEnabled());

        // Without an X display the screen cannot be captured: said before and on Go Live.
        choosePicture(window, QStringLiteral("Screen"));
        QVERIFY(!region->isVisible());
        QVERIFY(child<QLabel>(window, "screenNote")->isVisible());
        QVERIFY(child<QLabel>(window, "screenNote")->text().startsWith(u"Screen capture needs"));
        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        QVERIFY2(child<QLabel>(window, "message")->text().contains(u"needs an X display"),
                 qPrintable(child<QLabel>(window, "message")->text()));
        QVERIFY(!window.isBroadcasting());
        QCOMPARE(child<StatsPanel>(window, "stats")->statusText(), QStringLiteral("Stopped"));
    }

    void theScreenAndTheDesktopSoundGoLiveMixedMetredAndRecorded()
    {
        constexpr int kWidth = 640, kHeight = 360;
        const QColor left(208, 48, 48), right(48, 80, 208);
        VirtualScreen screen(kWidth, kHeight);
        QVERIFY2(screen.problem().isEmpty(), qPrintable(screen.problem()));
        QTemporaryDir dir;
        QImage shown(kWidth, kHeight, QImage::Format_RGB32);
        shown.fill(left);
        for (int y = 0; y < kHeight; ++y)
            for (int x = kWidth / 2; x < kWidth; ++x)
                shown.setPixelColor(x, y, right);
        QVERIFY(shown.save(dir.filePath(QStringLiteral("screen.png"))));
        QVERIFY(screen.show(dir.filePath(QStringLiteral("screen.png"))));
        VirtualSoundServer sound;
        QVERIFY2(sound.problem().isEmpty(), qPrintable(sound.problem()));
        QVERIFY(sound.addSink(QStringLiteral("desk")));
        QCOMPARE(QProcess::execute(QStringLiteral("pactl"), {"set-default-sink", "desk"}), 0);
        QVERIFY(sound.play(QStringLiteral("desk"), 660, 60));
        const ScopedVariable display("DISPLAY", screen.display());

        const QJsonObject created = createStream(QStringLiteral("window screen"));
        const QString id = created.value(u"id").toString();
        MainWindow window;
        window.show();
        pasteStream(window, created);
        chooseSmallVideo(window);
        choosePicture(window, QStringLiteral("Screen"));
        QVERIFY(!child<QLabel>(window, "screenNote")->isVisible());
        child<QCheckBox>(window, "desktopAudio")->setChecked(true);
        QVERIFY(!child<QPushButton>(window, "record")->isEnabled());

        QTest::mouseClick(child<QPushButton>(window, "goLive"), Qt::LeftButton);
        auto *stats = child<StatsPanel>(window, "stats");
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Live"), 10'000);
        QVERIFY(pollUntil([&] { return statusOf(id) == u"ACTIVE"; }, 5000));

        // The preview is the screen as encoded: its two halves in their colours.
        auto *preview = child<PreviewView>(window, "preview");
        QTRY_VERIFY_WITH_TIMEOUT(
            !preview->picture().isNull() &&
                near(preview->picture().pixel(preview->picture().width() / 4,
                                              preview->picture().height() / 2),
                     left) &&
                near(preview->picture().pixel(preview->picture().width() * 3 / 4,
                                              preview->picture().height() / 2),
                     right),
            10'000);

        // A strip per sound, each with its meter moving; a muted one is still metred.
        auto *desktopMeter =
            stripWidget<LevelMeter>(window, "meter", QStringLiteral("Desktop audio"));
        auto *toneMeter = stripWidget<LevelMeter>(window, "meter", QStringLiteral("Test tone"));
        QVERIFY(desktopMeter && toneMeter);
        QTRY_VERIFY_WITH_TIMEOUT(desktopMeter->peakDbfs() > -40.0 && toneMeter->peakDbfs() > -40.0,
                                 5000);
        QVERIFY(stripWidget<QLabel>(window, "level", QStringLiteral("Desktop audio"))
                    ->text()
                    .endsWith(u" dB"));
        auto *muteTone = stripWidget<QToolButton>(window, "mute", QStringLiteral("Test tone"));
        QTest::mouseClick(muteTone, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(muteTone->text(), QStringLiteral("Muted"), 2000);
        QCOMPARE(stripWidget<QToolButton>(window, "mute", QStringLiteral("Desktop audio"))->text(),
                 QStringLiteral("Mute"));
        QVERIFY(toneMeter->peakDbfs() > -40.0);

        // Record keeps what is sent in a file of its own in the recordings folder (the test's
        // own, in place of the Videos folder), until pressed again.
        QTemporaryDir videos;
        QSettings().setValue(QStringLiteral("recording/folder"), videos.path());
        auto *record = child<QPushButton>(window, "record");
        QVERIFY(record->isEnabled());
        QTest::mouseClick(record, Qt::LeftButton);
        auto *message = child<QLabel>(window, "message");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(u"Recording to "), 5000);
        const QString recording = message->text().mid(QStringLiteral("Recording to ").size());
        QVERIFY2(recording.startsWith(videos.path() + QStringLiteral("/Nova ")) &&
                     recording.endsWith(u".mkv"),
                 qPrintable(recording));
        QVERIFY(pollUntil([&] { return QFileInfo(recording).size() > 100'000; }, 15'000));
        QTest::mouseClick(record, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(u"Recorded "), 5000);
        QVERIFY(!record->isChecked());
        const qint64 frames = message->text().section(u' ', 1, 1).toLongLong();
        QVERIFY2(frames > 0, qPrintable(message->text()));
        QProcess probe;
        probe.start(QStringLiteral("ffprobe"),
                    {"-v", "error", "-count_packets", "-show_entries",
                     "stream=codec_name,nb_read_packets", "-of", "compact=p=0:nk=1", recording});
        QVERIFY(probe.waitForFinished(20'000));
        const QStringList streams =
            QString::fromUtf8(probe.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QFile::remove(recording);
        QSettings().remove(QStringLiteral("recording/folder"));
        QCOMPARE(streams.size(), 2);
        QCOMPARE(streams.at(0), QStringLiteral("h264|%1").arg(frames));
        QVERIFY2(streams.at(1).startsWith(u"aac|"), qPrintable(streams.at(1)));

        QTest::mouseClick(child<QPushButton>(window, "stop"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stats->statusText(), QStringLiteral("Stopped"), 5000);
        QVERIFY(!record->isEnabled());
        QVERIFY(!stripWidget<LevelMeter>(window, "meter", QStringLiteral("Desktop audio")));
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
