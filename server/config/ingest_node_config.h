#pragma once

#include <QString>
#include <QUrl>

namespace nova {

// One nginx-rtmp ingest node as nova-server knows it: its name (what its hooks prove they come
// from), where publishers reach it, where its /stat and /control are, and where its live streams
// are read back by id.
struct IngestNodeConfig
{
    QString name;
    QUrl rtmpUrl;     // handed to publishers, e.g. rtmp://127.0.0.1:1935/live
    QUrl nginxUrl;    // its HTTP side, e.g. http://127.0.0.1:8088
    QString probeUrl; // e.g. rtmp://127.0.0.1:1935/playback

    friend bool operator==(const IngestNodeConfig &, const IngestNodeConfig &) = default;
};

} // namespace nova
