#pragma once

#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace nova {

// The desktop window's command line: what to fill in at start, and --screenshot for docs and tests.
//   nova-broadcaster [--api URL [--token T]] [--rtmp-url URL] [--go-live]
//                    [--screenshot FILE --after SECONDS]
// The token and key may come from NOVA_ADMIN_TOKEN and NOVA_STREAM_KEY instead.
struct WindowOptions
{
    QUrl apiUrl;
    QString token;
    QString rtmpUrl;
    QString streamKey;
    bool goLive = false; // on the RTMP URL if given, else on a new stream of the API
    QString screenshotFile;
    double screenshotAfterSeconds = 3;

    // Throws UsageError (broadcast_options.h). `arguments` includes the program name.
    static WindowOptions parse(const QStringList &arguments,
                               const QProcessEnvironment &environment);
};

} // namespace nova
