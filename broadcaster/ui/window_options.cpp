#include "broadcaster/ui/window_options.h"

#include "broadcaster/cli/broadcast_options.h"

#include <QCommandLineParser>

namespace nova {

WindowOptions WindowOptions::parse(const QStringList &arguments,
                                   const QProcessEnvironment &environment)
{
    const QCommandLineOption api(QStringLiteral("api"), QString(), QStringLiteral("url"));
    const QCommandLineOption token(QStringLiteral("token"), QString(), QStringLiteral("token"));
    const QCommandLineOption rtmpUrl(QStringLiteral("rtmp-url"), QString(), QStringLiteral("url"));
    const QCommandLineOption streamKey(QStringLiteral("stream-key"), QString(),
                                       QStringLiteral("key"));
    const QCommandLineOption goLive(QStringLiteral("go-live"), QString());
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QString(),
                                        QStringLiteral("file"));
    const QCommandLineOption after(QStringLiteral("after"), QString(), QStringLiteral("seconds"));
    QCommandLineParser parser;
    parser.addOptions({api, token, rtmpUrl, streamKey, goLive, screenshot, after});
    if (!parser.parse(arguments))
        throw UsageError(parser.errorText().toStdString());
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("unexpected argument '%1'")
                             .arg(parser.positionalArguments().first())
                             .toStdString());

    WindowOptions out;
    if (parser.isSet(api)) {
        out.apiUrl = QUrl(parser.value(api), QUrl::StrictMode);
        if (!out.apiUrl.isValid() || !out.apiUrl.scheme().startsWith(u"http"))
            throw UsageError("--api must be an http(s) URL");
    }
    out.token = parser.isSet(token) ? parser.value(token)
                                    : environment.value(QStringLiteral("NOVA_ADMIN_TOKEN"));
    out.rtmpUrl = parser.value(rtmpUrl);
    out.streamKey = parser.isSet(streamKey) ? parser.value(streamKey)
                                            : environment.value(QStringLiteral("NOVA_STREAM_KEY"));
    out.goLive = parser.isSet(goLive);
    out.screenshotFile = parser.value(screenshot);
    if (parser.isSet(after)) {
        bool ok = false;
        out.screenshotAfterSeconds = parser.value(after).toDouble(&ok);
        if (!ok || out.screenshotAfterSeconds < 0 || out.screenshotAfterSeconds > 3600)
            throw UsageError("--after must be a number of seconds");
    }
    return out;
}

} // namespace nova
