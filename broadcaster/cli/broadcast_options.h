#pragma once

#include "broadcaster/pipeline/broadcast_settings.h"
#include "broadcaster/scene/scene_spec.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <stdexcept>

namespace nova {

// A command line that cannot be used, with the reason.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// nova-broadcaster's command line (DESIGN.md): either --api/--token/--title, which creates the
// stream, or --rtmp-url/--stream-key for a stream that exists. The token and the key may also come
// from NOVA_ADMIN_TOKEN and NOVA_STREAM_KEY, so that they need not show in the process list.
struct BroadcastOptions
{
    bool headless = false;
    QUrl apiUrl;
    QString token;
    QString title;
    BroadcastSettings settings; // ingestUrl/streamKey empty until the stream exists in --api mode
    SceneSpec scene;            // what settings.source is made of, once it is made
    QString display;            // the X display for screen capture (DISPLAY)

    bool createsStream() const { return apiUrl.isValid() && !apiUrl.isEmpty(); }

    // Throws UsageError. `arguments` includes the program name.
    static BroadcastOptions parse(const QStringList &arguments,
                                  const QProcessEnvironment &environment);
    static QString helpText();
};

// "2500k", "2.5M", "2500000" (bits per second) -> kilobits per second; 0 when malformed.
int parseBitrateKbps(const QString &text);

} // namespace nova
