#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace nova {

// nova-console's command line (DESIGN.md):
//   nova-console --api URL --prometheus URL [--alertmanager URL] [--token T]
//                [--screenshot FILE --after SECONDS]
// The operator token comes from --token or NOVA_ADMIN_TOKEN; the URLs fall back to
// NOVA_API_URL, NOVA_PROMETHEUS_URL and NOVA_ALERTMANAGER_URL (what nova-stack's .nova/env sets).
// Without an Alertmanager the console lists Prometheus's alerts but cannot silence them.
struct ConsoleOptions
{
    QUrl apiUrl;
    QUrl prometheusUrl;
    QUrl alertmanagerUrl; // empty: none
    QString token;
    QString screenshotFile;
    double screenshotAfterSeconds = 0;

    // nullopt with `error` set when the line cannot be used (the message says what to fix).
    static std::optional<ConsoleOptions>
    parse(const QStringList &arguments, const QProcessEnvironment &environment, QString *error);
};

} // namespace nova
