#include "shared/log_format.h"

#include "shared/rfc3339.h"

#include <QLoggingCategory>
#include <QMutex>

#include <cstdio>

namespace nova {

namespace {
const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "DEBUG";
    case QtInfoMsg:
        return "INFO ";
    case QtWarningMsg:
        return "WARN ";
    case QtCriticalMsg:
        return "ERROR";
    case QtFatalMsg:
        return "FATAL";
    }
    return "?";
}

void writeLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static QMutex mutex;
    QString text = message;
    text.replace(u'\n', u' '); // one event, one line
    const QByteArray line =
        (toRfc3339(QDateTime::currentDateTimeUtc()) + u' ' + QLatin1StringView(levelName(type)) +
         u' ' + QLatin1StringView(context.category ? context.category : "default") +
         QStringLiteral(": ") + text + u'\n')
            .toUtf8();
    QMutexLocker lock(&mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}
} // namespace

void installLogFormat(const QString &level)
{
    QString rules;
    if (level == u"info")
        rules += QStringLiteral("*.debug=false\n");
    else if (level == u"warning")
        rules += QStringLiteral("*.debug=false\n*.info=false\n");
    else if (level == u"error")
        rules += QStringLiteral("*.debug=false\n*.info=false\n*.warning=false\n");
    // Categories are evaluated in order; the qt.* lines must win, so they go last.
    rules += QStringLiteral("qt.*.debug=false\nqt.*.info=false\n");
    QLoggingCategory::setFilterRules(rules);
    qInstallMessageHandler(writeLine);
}

} // namespace nova
