// nova-hls-ladder: one live stream's adaptive HLS, started by nginx-rtmp's exec in the playback
// application (which restarts it if it dies and stops it with SIGTERM when the stream ends).

#include "ladder/cli/ladder_options.h"
#include "ladder/pipeline/hls_ladder.h"
#include "shared/rfc3339.h"

#include <QCoreApplication>
#include <QDateTime>

extern "C" {
#include <libavutil/log.h>
}

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace {
std::atomic<bool> g_stopping{false};

void stop(int)
{
    g_stopping = true;
}

void say(const QString &streamId, const QString &message)
{
    const QString line =
        QStringLiteral("%1 nova-hls-ladder: %2: %3\n")
            .arg(nova::toRfc3339(QDateTime::currentDateTimeUtc()), streamId, message);
    std::fputs(line.toUtf8().constData(), stderr);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv); // for Qt's files and text; no event loop runs
    QString error;
    const std::optional<nova::LadderOptions> options =
        nova::parseLadderOptions(app.arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "nova-hls-ladder: %s\n", error.toUtf8().constData());
        return 2;
    }
    if (!options->log.isEmpty()) {
        // Everything, FFmpeg's own words too, goes to the log nginx-rtmp cannot show.
        const int log = ::open(options->log.toLocal8Bit().constData(),
                               O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (log < 0) {
            std::fprintf(stderr, "nova-hls-ladder: cannot write %s\n",
                         options->log.toLocal8Bit().constData());
            return 2;
        }
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        ::close(log);
    }
    struct sigaction action = {};
    action.sa_handler = stop;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    av_log_set_level(AV_LOG_WARNING);

    const QString id = options->streamId;
    say(id, QStringLiteral("starting (%1)").arg(nova::describeTiers(options->settings.tiers)));
    nova::HlsLadder ladder(options->settings, g_stopping,
                           [&id](const QString &message) { say(id, message); });
    if (!ladder.run(&error)) {
        say(id, error);
        return 1;
    }
    say(id, g_stopping ? QStringLiteral("stopped") : QStringLiteral("the stream ended"));
    return 0;
}
