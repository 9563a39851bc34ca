#include "console/app/console_options.h"

#include <QCommandLineParser>

namespace nova {

namespace {
std::optional<QUrl> httpUrl(const QString &text, const QString &what, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
        url.host().isEmpty()) {
        *error = QStringLiteral("%1 must be an http(s) URL, got \"%2\"").arg(what, text.left(200));
        return std::nullopt;
    }
    return url;
}
} // namespace

std::optional<ConsoleOptions> ConsoleOptions::parse(const QStringList &arguments,
                                                    const QProcessEnvironment &environment,
                                                    QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Nova operator console"));
    const QCommandLineOption api(QStringLiteral("api"),
                                 QStringLiteral("nova-server URL (default: $NOVA_API_URL)."),
                                 QStringLiteral("URL"));
    const QCommandLineOption prometheus(
        QStringLiteral("prometheus"),
        QStringLiteral("Prometheus URL (default: $NOVA_PROMETHEUS_URL)."), QStringLiteral("URL"));
    const QCommandLineOption alertmanager(
        QStringLiteral("alertmanager"),
        QStringLiteral("Alertmanager URL, for silences (default: $NOVA_ALERTMANAGER_URL)."),
        QStringLiteral("URL"));
    const QCommandLineOption token(
        QStringLiteral("token"),
        QStringLiteral("Operator token (default: $NOVA_ADMIN_TOKEN; prefer the variable: a command "
                       "line is visible to other users)."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window to FILE, then quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"),
                                   QStringLiteral("Seconds to wait before the screenshot."),
                                   QStringLiteral("SECONDS"), QStringLiteral("3"));
    parser.addOptions({api, prometheus, alertmanager, token, screenshot, after});
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        *error = parser.helpText();
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error =
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first());
        return std::nullopt;
    }

    ConsoleOptions options;
    const QString apiText =
        parser.isSet(api) ? parser.value(api) : environment.value(QStringLiteral("NOVA_API_URL"));
    const QString prometheusText = parser.isSet(prometheus)
                                       ? parser.value(prometheus)
                                       : environment.value(QStringLiteral("NOVA_PROMETHEUS_URL"));
    if (apiText.isEmpty() || prometheusText.isEmpty()) {
        *error = QStringLiteral("--api and --prometheus are required (or NOVA_API_URL and "
                                "NOVA_PROMETHEUS_URL: source .nova/env after nova-stack up)");
        return std::nullopt;
    }
    const auto apiUrl = httpUrl(apiText, QStringLiteral("--api"), error);
    if (!apiUrl)
        return std::nullopt;
    const auto prometheusUrl = httpUrl(prometheusText, QStringLiteral("--prometheus"), error);
    if (!prometheusUrl)
        return std::nullopt;
    options.apiUrl = *apiUrl;
    options.prometheusUrl = *prometheusUrl;
    const QString alertmanagerText =
        parser.isSet(alertmanager) ? parser.value(alertmanager)
                                   : environment.value(QStringLiteral("NOVA_ALERTMANAGER_URL"));
    if (!alertmanagerText.isEmpty()) {
        const auto alertmanagerUrl =
            httpUrl(alertmanagerText, QStringLiteral("--alertmanager"), error);
        if (!alertmanagerUrl)
            return std::nullopt;
        options.alertmanagerUrl = *alertmanagerUrl;
    }
    options.token = parser.isSet(token) ? parser.value(token)
                                        : environment.value(QStringLiteral("NOVA_ADMIN_TOKEN"));

    if (parser.isSet(screenshot)) {
        options.screenshotFile = parser.value(screenshot);
        bool ok = false;
        options.screenshotAfterSeconds = parser.value(after).toDouble(&ok);
        if (!ok || options.screenshotAfterSeconds < 0 || options.screenshotAfterSeconds > 3600) {
            *error = QStringLiteral("--after must be a number of seconds between 0 and 3600");
            return std::nullopt;
        }
    } else if (parser.isSet(after)) {
        *error = QStringLiteral("--after needs --screenshot");
        return std::nullopt;
    }
    return options;
}

} // namespace nova
