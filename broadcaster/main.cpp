// nova-broadcaster: goes live with a synthetic picture and tone over RTMP.

#include "broadcaster/cli/broadcast_options.h"
#include "broadcaster/cli/exit_status.h"
#include "broadcaster/cli/headless_broadcast.h"
#include "broadcaster/publisher/ffmpeg_log.h"
#include "shared/log_format.h"
#include "shared/termination_signals.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nova-broadcaster"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NOVA_VERSION));
    nova::installLogFormat(qEnvironmentVariable("NOVA_LOG_LEVEL", QStringLiteral("info")));
    nova::FfmpegLog::install();

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        std::fputs(qPrintable(nova::BroadcastOptions::helpText()), stdout);
        return nova::kExitClean;
    }
    if (arguments.contains(QStringLiteral("--version"))) {
        std::printf("nova-broadcaster %s\n", NOVA_VERSION);
        return nova::kExitClean;
    }

    nova::BroadcastOptions options;
    try {
        options =
            nova::BroadcastOptions::parse(arguments, QProcessEnvironment::systemEnvironment());
    } catch (const nova::UsageError &error) {
        std::fprintf(stderr, "nova-broadcaster: %s (see --help)\n", error.what());
        return nova::kExitUsage;
    }
    if (!options.headless) {
        std::fprintf(stderr, "nova-broadcaster: this build has only the headless mode; add "
                             "--headless\n");
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
