// nova-broadcaster: goes live over RTMP, from its window or headless (--headless).

#include "broadcaster/cli/broadcast_options.h"
#include "broadcaster/cli/exit_status.h"
#include "broadcaster/cli/headless_broadcast.h"
#include "broadcaster/publisher/ffmpeg_log.h"
#include "broadcaster/ui/main_window.h"
#include "broadcaster/ui/window_options.h"
#include "shared/log_format.h"
#include "shared/termination_signals.h"

#include <QApplication>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTimer>

#include <cstdio>

namespace {

int runHeadless(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    nova::BroadcastOptions options;
    try {
        options = nova::BroadcastOptions::parse(QCoreApplication::arguments(),
                                                QProcessEnvironment::systemEnvironment());
    } catch (const nova::UsageError &error) {
        std::fprintf(stderr, "nova-broadcaster: %s (see --help)\n", error.what());
        return nova::kExitUsage;
    }
    nova::HeadlessBroadcast broadcast(std::move(options));
    QObject::connect(&broadcast, &nova::HeadlessBroadcast::done, &app,
                     [](int status) { QCoreApplication::exit(status); });
    nova::TerminationSignals terminations;
    QObject::connect(&terminations, &nova::TerminationSignals::received, &broadcast,
                     &nova::HeadlessBroadcast::stop);
    broadcast.start();
    return QCoreApplication::exec();
}

int runWindow(int argc, char *argv[])
{
    // Qt Multimedia on FFmpeg, the libraries this app encodes with: Debian's GStreamer backend
    // plays nothing without extra plugin packages.
    if (!qEnvironmentVariableIsSet("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    QApplication app(argc, argv);
    nova::WindowOptions options;
    try {
        options = nova::WindowOptions::parse(QCoreApplication::arguments(),
                                             QProcessEnvironment::systemEnvironment());
    } catch (const nova::UsageError &error) {
        std::fprintf(stderr, "nova-broadcaster: %s (see --help)\n", error.what());
        return nova::kExitUsage;
    }
    nova::MainWindow window(options);
    window.show();
    if (!options.screenshotFile.isEmpty()) {
        QTimer::singleShot(int(options.screenshotAfterSeconds * 1000), &window, [&] {
            const bool saved = window.grab().save(options.screenshotFile);
            if (!saved)
                std::fprintf(stderr, "nova-broadcaster: cannot write %s\n",
                             qPrintable(options.screenshotFile));
            window.stopBroadcast();
            if (!window.isBroadcasting())
                QCoreApplication::exit(saved ? 0 : 1);
            QObject::connect(&window, &nova::MainWindow::broadcastFinished, &app,
                             [saved] { QCoreApplication::exit(saved ? 0 : 1); });
        });
    }
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("nova-broadcaster"));
    QCoreApplication::setOrganizationName(QStringLiteral("Nova"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NOVA_VERSION));
    nova::installLogFormat(qEnvironmentVariable("NOVA_LOG_LEVEL", QStringLiteral("info")));
    nova::FfmpegLog::install();

    bool headless = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h") {
            std::fputs(qPrintable(nova::BroadcastOptions::helpText()), stdout);
            return nova::kExitClean;
        }
        if (argument == "--version") {
            std::printf("nova-broadcaster %s\n", NOVA_VERSION);
            return nova::kExitClean;
        }
        headless = headless || argument == "--headless";
    }
    return headless ? runHeadless(argc, argv) : runWindow(argc, argv);
}
