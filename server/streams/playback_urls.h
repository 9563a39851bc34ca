#pragma once

#include <QUrl>
#include <QUuid>

namespace nova {

// Where a stream is watched. Playback URLs are named by the stream id only: the key never appears
// in anything a viewer can see; and not by the ingest node, so that they stay the same when the
// stream moves to another. (Where it is published: IngestFleet::publishUrls.)
class PlaybackUrls
{
public:
    // `hlsBase`: e.g. http://127.0.0.1:8088/hls; `watchBase`: e.g. http://127.0.0.1:8088/watch, by
    // default /watch on hlsBase's host.
    explicit PlaybackUrls(QUrl hlsBase, QUrl watchBase = {});

    QUrl hlsUrl(const QUuid &id) const;
    QUrl watchUrl(const QUuid &id) const;

private:
    QUrl m_hlsBase;
    QUrl m_watchBase;
};

} // namespace nova
