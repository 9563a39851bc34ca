#include "tests/support/virtual_desktop.h"

#include "tests/support/polling.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace nova::test {

namespace {
struct Run
{
    int status = -1;
    QString output;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = 10'000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("%1 did not finish").arg(program)};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

// A display number no other X server holds (its lock file says).
int freeDisplayNumber()
{
    for (int number = 90 + int(QCoreApplication::applicationPid() % 50); number < 400; ++number) {
        if (!QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(number)) &&
            !QFile::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(number)))
            return number;
    }
    return -1;
}
} // namespace

VirtualScreen::VirtualScreen(int width, int height)
{
    if (QStandardPaths::findExecutable(QStringLiteral("Xvfb")).isEmpty()) {
        m_problem = QStringLiteral("Xvfb is not installed (package xvfb)");
        return;
    }
    const int number = freeDisplayNumber();
    m_display = QStringLiteral(":%1").arg(number);
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.start(QStringLiteral("Xvfb"),
                   {m_display, QStringLiteral("-screen"), QStringLiteral("0"),
                    QStringLiteral("%1x%2x24").arg(width).arg(height), QStringLiteral("-nolisten"),
                    QStringLiteral("tcp"),
                    // The picture stays when its last client (a capture) goes: no reset then.
                    QStringLiteral("-noreset")});
    const QString socket = QStringLiteral("/tmp/.X11-unix/X%1").arg(number);
    if (!pollUntil(
            [&] { return QFile::exists(socket) || m_server.state() == QProcess::NotRunning; },
            10'000) ||
        m_server.state() == QProcess::NotRunning)
        m_problem = QStringLiteral("Xvfb %1 did not start: %2")
                        .arg(m_display, QString::fromUtf8(m_server.readAll()));
}

VirtualScreen::~VirtualScreen()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        if (!m_server.waitForFinished(5000))
            m_server.kill();
        m_server.waitForFinished();
    }
}

bool VirtualScreen::show(const QString &pictureFile)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DISPLAY"), m_display);
    QProcess display;
    display.setProcessEnvironment(environment);
    display.setProcessChannelMode(QProcess::MergedChannels);
    // It sets the root window's background and returns (with status 1 when no window manager
    // answers, which is fine): whether it worked, the test sees in the captured picture.
    display.start(QStringLiteral("display"),
                  {QStringLiteral("-window"), QStringLiteral("root"), pictureFile});
    return display.waitForFinished(10'000);
}

VirtualSoundServer::VirtualSoundServer()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pulseaudio")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("pactl")).isEmpty()) {
        m_problem = QStringLiteral("PulseAudio is not installed (packages pulseaudio and "
                                   "pulseaudio-utils)");
        return;
    }
    const QString runtime = m_dir.filePath(QStringLiteral("runtime"));
    QDir().mkpath(runtime);
    qputenv("PULSE_RUNTIME_PATH", runtime.toUtf8());
    qputenv("PULSE_SERVER", ("unix:" + runtime + "/native").toUtf8());
    qputenv("PULSE_STATE_PATH", m_dir.filePath(QStringLiteral("state")).toUtf8());
    // A server of its own, no configuration of the machine's: only the native socket (where
    // PULSE_SERVER points) and the sinks this test adds. Kept alive while idle.
    const Run started = run(QStringLiteral("pulseaudio"),
                            {QStringLiteral("--daemonize"), QStringLiteral("--exit-idle-time=-1"),
                             QStringLiteral("--disallow-exit"), QStringLiteral("-n"),
                             QStringLiteral("--use-pid-file"),
                             QStringLiteral("--load=module-native-protocol-unix socket=") +
                                 runtime + QStringLiteral("/native")});
    if (started.status != 0) {
        m_problem = QStringLiteral("pulseaudio did not start: %1").arg(started.output);
        return;
    }
    if (!pollUntil(
            [] { return run(QStringLiteral("pactl"), {QStringLiteral("info")}).status == 0; },
            10'000))
        m_problem = QStringLiteral("pulseaudio does not answer pactl");
}

VirtualSoundServer::~VirtualSoundServer()
{
    for (QProcess *player : m_players) {
        player->kill();
        player->waitForFinished();
        delete player;
    }
    if (m_problem.isEmpty())
        run(QStringLiteral("pulseaudio"), {QStringLiteral("--kill")});
}

bool VirtualSoundServer::addSink(const QString &name)
{
    return run(QStringLiteral("pactl"),
               {QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                QStringLiteral("sink_name=") + name})
               .status == 0;
}

bool VirtualSoundServer::play(const QString &sink, int hertz, int seconds)
{
    const QString tone = m_dir.filePath(QStringLiteral("tone-%1.wav").arg(hertz));
    const Run made = run(QStringLiteral("ffmpeg"),
                         {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                          QStringLiteral("lavfi"), QStringLiteral("-i"),
                          QStringLiteral("sine=frequency=%1:duration=%2").arg(hertz).arg(seconds),
                          QStringLiteral("-ac"), QStringLiteral("2"), QStringLiteral("-ar"),
                          QStringLiteral("48000"), QStringLiteral("-y"), tone});
    if (made.status != 0)
        return false;
    auto *player = new QProcess;
    player->start(QStringLiteral("paplay"), {QStringLiteral("--device=") + sink, tone});
    m_players.append(player);
    return player->waitForStarted(5000);
}

} // namespace nova::test
