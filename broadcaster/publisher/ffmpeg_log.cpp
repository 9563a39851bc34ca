#include "broadcaster/publisher/ffmpeg_log.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QStringList>

extern "C" {
#include <libavutil/log.h>
}

#include <cstdarg>

namespace nova {

Q_LOGGING_CATEGORY(lcFfmpeg, "nova.ffmpeg")

namespace {
QMutex g_mutex;
QStringList g_secrets;

void logLine(void *context, int level, const char *format, va_list arguments)
{
    if (level > av_log_get_level())
        return;
    char line[1024];
    int prefix = 1;
    av_log_format_line2(context, level, format, arguments, line, sizeof line, &prefix);
    QString text = QString::fromUtf8(line).trimmed();
    if (text.isEmpty())
        return;
    {
        QMutexLocker lock(&g_mutex);
        for (const QString &secret : std::as_const(g_secrets))
            text.replace(secret, QStringLiteral("<redacted>"));
    }
    qCWarning(lcFfmpeg).noquote() << text;
}
} // namespace

void FfmpegLog::install()
{
    av_log_set_level(AV_LOG_ERROR);
    av_log_set_callback(logLine);
}

void FfmpegLog::redact(const QString &secret)
{
    // Too short a string would blank out unrelated text, and is no real secret anyway.
    if (secret.size() < 8)
        return;
    QMutexLocker lock(&g_mutex);
    if (!g_secrets.contains(secret))
        g_secrets.append(secret);
}

} // namespace nova
