#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUuid>

namespace nova {

// Where a broadcast goes: an ingest URL and its key, the platform's other ingest nodes to try on
// reconnect, and, for a stream of a Nova server, the server and stream whose events follow it
// (empty for a pasted RTMP URL).
struct Destination
{
    QString ingestUrl;
    QString streamKey;
    QStringList fallbackIngestUrls;
    QUrl server;
    QString token;
    QUuid serverStream;

    bool isServerStream() const { return !serverStream.isNull() && server.isValid(); }
};

} // namespace nova
