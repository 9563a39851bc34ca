// nova-broadcaster on real content: a screen (Xvfb) showing a known picture and the desktop's
// sound plus a second source (PulseAudio null sinks playing known tones) go live; what viewers get
// over HLS is that picture and those tones, and the local recording holds what was sent.

#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"
#include "tests/support/virtual_desktop.h"

#include <QImage>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace nova::test;

namespace {
constexpr int kSeconds = 14;
constexpr int kDesktopTone = 660;
constexpr int kMicrophoneTone = 1500;
constexpr int kWidth = 640;
constexpr int kHeight = 360;

// The screen: four quadrants of colours far apart, so scaling and compression cannot blur one
// into another.
const QColor kTopLeft(208, 48, 48), kTopRight(48, 176, 64), kBottomLeft(48, 80, 208),
    kBottomRight(224, 192, 32);

QByteArray runForOutput(const QStringList &arguments, int timeoutMs = 20'000)
{
    QProcess process;
    process.start(QStringLiteral("ffmpeg"), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return process.exitCode() == 0 ? process.readAllStandardOutput() : QByteArray();
}

// One picture from the stream's HLS, as a viewer's player decodes it.
QImage pictureFrom(const QString &url)
{
    const QByteArray rgb =
        runForOutput({"-v", "error", "-live_start_index", "-1", "-i", url, "-frames:v", "1", "-s",
                      QStringLiteral("%1x%2").arg(kWidth).arg(kHeight), "-f", "rawvideo",
                      "-pix_fmt", "rgb24", "-"});
    if (rgb.size() != kWidth * kHeight * 3)
        return {};
    return QImage(reinterpret_cast<const uchar *>(rgb.constData()), kWidth, kHeight, kWidth * 3,
                  QImage::Format_RGB888)
        .copy();
}

// Two seconds of the stream's sound, mono floats at 48 kHz.
QList<float> soundFrom(const QString &url)
{
    const QByteArray pcm =
        runForOutput({"-v", "error", "-live_start_index", "-1", "-i", url, "-t", "2", "-vn", "-ac",
                      "1", "-ar", "48000", "-f", "f32le", "-"});
    QList<float> samples(pcm.size() / qsizetype(sizeof(float)));
    std::memcpy(samples.data(), pcm.constData(), size_t(samples.size()) * sizeof(float));
    return samples;
}

// The amplitude of `hertz` in samples [from, from + count) (one DFT bin).
double strengthOf(const QList<float> &samples, double hertz, qsizetype from, qsizetype count)
{
    double re = 0, im = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const double phase = 2.0 * std::numbers::pi * hertz * double(i) / 48000.0;
        re += samples[i] * std::cos(phase);
        im -= samples[i] * std::sin(phase);
    }
    return 2.0 * std::hypot(re, im) / double(count);
}

// The typical amplitude of `hertz` over quarter-second stretches: a tone that is there most of
// the time, as a listener hears it.
double strengthOf(const QList<float> &samples, double hertz)
{
    constexpr qsizetype kStretch = 12'000;
    QList<double> strengths;
    for (qsizetype from = 0; from + kStretch <= samples.size(); from += kStretch)
        strengths.append(strengthOf(samples, hertz, from, kStretch));
    if (strengths.isEmpty())
        return 0.0;
    std::sort(strengths.begin(), strengths.end());
    return strengths.at(strengths.size() / 2);
}

bool near(QRgb pixel, const QColor &expected)
{
    return std::abs(qRed(pixel) - expected.red()) < 40 &&
           std::abs(qGreen(pixel) - expected.green()) < 40 &&
           std::abs(qBlue(pixel) - expected.blue()) < 40;
}

QString describe(QRgb pixel)
{
    return QStringLiteral("rgb(%1,%2,%3)").arg(qRed(pixel)).arg(qGreen(pixel)).arg(qBlue(pixel));
}
} // namespace

class TestBroadcasterCapture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        m_screen = std::make_unique<VirtualScreen>(1280, 720);
        QVERIFY2(m_screen->problem().isEmpty(), qPrintable(m_screen->problem()));
        QImage known(1280, 720, QImage::Format_RGB32);
        const QRect quadrant(0, 0, 640, 360);
        known.fill(kTopLeft);
        for (const auto &[offset, colour] :
             {std::pair{QPoint(640, 0), kTopRight}, std::pair{QPoint(0, 360), kBottomLeft},
              std::pair{QPoint(640, 360), kBottomRight}}) {
            for (int y = 0; y < quadrant.height(); ++y)
                for (int x = 0; x < quadrant.width(); ++x)
                    known.setPixelColor(offset.x() + x, offset.y() + y, colour);
        }
        const QString file = m_dir.filePath(QStringLiteral("screen.png"));
        QVERIFY(known.save(file));
        QVERIFY(m_screen->show(file));

        m_sound = std::make_unique<VirtualSoundServer>();
        QVERIFY2(m_sound->problem().isEmpty(), qPrintable(m_sound->problem()));
        QVERIFY(m_sound->addSink(QStringLiteral("nova_desktop")));
        QVERIFY(m_sound->addSink(QStringLiteral("nova_microphone")));
        // Longer than the broadcast: the sound is there from its first to its last second.
        QVERIFY(m_sound->play(QStringLiteral("nova_desktop"), kDesktopTone, kSeconds + 30));
        QVERIFY(m_sound->play(QStringLiteral("nova_microphone"), kMicrophoneTone, kSeconds + 30));
    }

    void theScreenAndTheDesktopSoundGoLiveAndAreRecorded()
    {
        const QJsonObject stream = createStream(QStringLiteral("screen capture"));
        const QString recording = m_dir.filePath(QStringLiteral("show.mkv"));
        qputenv("DISPLAY", m_screen->display().toUtf8());
        BroadcasterProcess broadcaster;
        broadcaster.start({"--rtmp-url", stream.value(u"rtmp_url").toString(), "--size",
                           QStringLiteral("%1x%2").arg(kWidth).arg(kHeight), "--fps", "25",
                           "--bitrate", "800k", "--video", "screen", "--audio",
                           "pulse:" + m_sound->monitorOf(QStringLiteral("nova_desktop")), "--audio",
                           "pulse:" + m_sound->monitorOf(QStringLiteral("nova_microphone")),
                           "--record", recording, "--duration", QString::number(kSeconds)},
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent(QStringLiteral("live"), 10'000),
                 qPrintable(broadcaster.standardError()));

        // What a viewer decodes from HLS is the screen, quadrant by quadrant.
        const QString hls = stream.value(u"hls_url").toString();
        QImage picture;
        QVERIFY2(pollUntil([&] { return !(picture = pictureFrom(hls)).isNull(); }, 20'000),
                 qPrintable(broadcaster.standardError()));
        const struct
        {
            QPoint at;
            QColor expected;
        } probes[] = {{{kWidth / 4, kHeight / 4}, kTopLeft},
                      {{kWidth * 3 / 4, kHeight / 4}, kTopRight},
                      {{kWidth / 4, kHeight * 3 / 4}, kBottomLeft},
                      {{kWidth * 3 / 4, kHeight * 3 / 4}, kBottomRight}};
        for (const auto &probe : probes)
            QVERIFY2(near(picture.pixel(probe.at), probe.expected),
                     qPrintable(QStringLiteral("at %1,%2: %3")
                                    .arg(probe.at.x())
                                    .arg(probe.at.y())
                                    .arg(describe(picture.pixel(probe.at)))));

        // Its sound is both tones, mixed; the synthetic 440 Hz tone is not there.
        const QList<float> sound = soundFrom(hls);
        QVERIFY2(sound.size() > 48000, "two seconds of sound");
        const double desktop = strengthOf(sound, kDesktopTone);
        const double microphone = strengthOf(sound, kMicrophoneTone);
        const double elsewhere = strengthOf(sound, 440);
        QVERIFY2(desktop > 0.03 && microphone > 0.03 && elsewhere < desktop / 10,
                 qPrintable(QStringLiteral("660 Hz %1, 1500 Hz %2, 440 Hz %3")
                                .arg(desktop)
                                .arg(microphone)
                                .arg(elsewhere)));

        // The stats show both meters moving and no source in trouble.
        const auto stats = broadcaster.waitForEvent(QStringLiteral("stats"), 5000);
        QVERIFY(stats);
        QVERIFY2(!stats->contains(u"source_problem"),
                 qPrintable(stats->value(u"source_problem").toString()));
        const QJsonArray strips = stats->value(u"audio").toArray();
        QCOMPARE(strips.size(), 2);
        for (const QJsonValue &strip : strips)
            QVERIFY2(strip[u"peak_dbfs"].toDouble() > -30.0, qPrintable(strip[u"name"].toString()));

        // The recording: H.264 + AAC, as long as the broadcast, every picture sent in it.
        const auto recorded =
            broadcaster.waitForEvent(QStringLiteral("recorded"), (kSeconds + 10) * 1000);
        QVERIFY2(recorded, qPrintable(broadcaster.standardError()));
        QVERIFY(broadcaster.waitForExit(10'000));
        QCOMPARE(broadcaster.exitCode(), 0);
        QProcess probe;
        probe.start(QStringLiteral("ffprobe"), {"-v", "error", "-count_packets", "-show_entries",
                                                "stream=codec_name,nb_read_packets:format=duration",
                                                "-of", "compact=p=0:nk=1", recording});
        QVERIFY(probe.waitForFinished(20'000));
        const QStringList lines =
            QString::fromUtf8(probe.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0),
                 QStringLiteral("h264|%1").arg(recorded->value(u"frames").toInteger()));
        QVERIFY2(lines.at(1).startsWith(u"aac|"), qPrintable(lines.at(1)));
        QCOMPARE(recorded->value(u"frames").toInteger(), qint64(kSeconds) * 25);
        const double duration = lines.at(2).toDouble();
        QVERIFY2(std::abs(duration - kSeconds) < 0.5, qPrintable(lines.at(2)));
        const QImage first = [&] {
            const QByteArray rgb = runForOutput({"-v", "error", "-i", recording, "-frames:v", "1",
                                                 "-f", "rawvideo", "-pix_fmt", "rgb24", "-"});
            return rgb.size() == kWidth * kHeight * 3
                       ? QImage(reinterpret_cast<const uchar *>(rgb.constData()), kWidth, kHeight,
                                kWidth * 3, QImage::Format_RGB888)
                             .copy()
                       : QImage();
        }();
        QVERIFY(!first.isNull());
        QVERIFY2(near(first.pixel(kWidth * 3 / 4, kHeight * 3 / 4), kBottomRight),
                 qPrintable(describe(first.pixel(kWidth * 3 / 4, kHeight * 3 / 4))));
    }

    void aRegionOfTheScreenIsOnlyThatRegion()
    {
        const QJsonObject stream = createStream(QStringLiteral("screen region"));
        BroadcasterProcess broadcaster;
        // The bottom-right quadrant alone.
        broadcaster.start({"--rtmp-url", stream.value(u"rtmp_url").toString(), "--size", "320x180",
                           "--bitrate", "300k", "--video", "screen:640,360,640x360", "--duration",
                           "20"},
                          stream.value(u"stream_key").toString());
        QVERIFY2(broadcaster.waitForEvent(QStringLiteral("live"), 10'000),
                 qPrintable(broadcaster.standardError()));
        QImage picture;
        QVERIFY(pollUntil(
            [&] { return !(picture = pictureFrom(stream.value(u"hls_url").toString())).isNull(); },
            20'000));
        for (const QPoint at : {QPoint(20, 20), QPoint(kWidth - 20, 20), QPoint(20, kHeight - 20),
                                QPoint(kWidth / 2, kHeight / 2)})
            QVERIFY2(near(picture.pixel(at), kBottomRight),
                     qPrintable(describe(picture.pixel(at))));
        broadcaster.interrupt();
        QVERIFY(broadcaster.waitForExit(10'000));
    }

    void withoutAnXDisplayTheScreenIsRefusedClearly()
    {
        QProcess broadcaster;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        broadcaster.setProcessEnvironment(environment);
        broadcaster.start(QStringLiteral(NOVA_BROADCASTER_PATH),
                          {"--headless", "--rtmp-url", StackEnv::get().rtmpUrl, "--stream-key",
                           "nvk_unused", "--video", "screen"});
        QVERIFY(broadcaster.waitForFinished(10'000));
        QCOMPARE(broadcaster.exitCode(), 2);
        QVERIFY2(broadcaster.readAllStandardError().contains("needs an X display"),
                 "the reason is told");
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<VirtualScreen> m_screen;
    std::unique_ptr<VirtualSoundServer> m_sound;
};

QTEST_GUILESS_MAIN(TestBroadcasterCapture)
#include "tst_broadcaster_capture.moc"
