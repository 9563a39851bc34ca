#pragma once

#include "shared/stream_status.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>
#include <QUuid>

namespace nova {

// A stream as everyone outside the server sees it. Never carries the stream key.
struct Stream
{
    QUuid id;
    QString title;
    StreamStatus status = StreamStatus::Pending;
    QDateTime createdAt; // UTC
    QDateTime startedAt; // first accepted publish; null before
    QDateTime endedAt;   // null until COMPLETED or FAILED
    // When its HLS first had a master playlist and a first segment of every variant; null before.
    QDateTime playableAt;
    QUuid owner; // the account whose token created it
    int viewerCount = 0;
    int peakViewers = 0;
    QUrl hlsUrl;
    QUrl watchUrl;  // the watch page
    QString ingest; // the ingest node holding its publisher, or that last held it; empty: none yet

    // Players can start now: the HLS is there and the stream has not ended.
    bool playable() const;

    // Seconds live: from start to end, or to `now` while still live; 0 if it never started.
    qint64 durationSeconds(const QDateTime &now) const;
};

// What creating a stream returns once: the stream, its secret key and where to publish.
struct CreatedStream
{
    Stream stream;
    QString streamKey;
    QUrl rtmpUrl;         // where to publish: the ingest node that has the fewest streams
    QList<QUrl> rtmpUrls; // every ingest node, rtmpUrl first: where to try next
};

// One point of a live stream's history, averaged over a step (GET /streams/{id}/metrics).
struct StreamSample
{
    QDateTime time; // UTC
    int viewers = 0;
    double bitrateKbps = 0;
    double fps = 0;
};

} // namespace nova
