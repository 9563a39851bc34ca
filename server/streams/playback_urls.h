#pragma once

#include <QUrl>
#include <QUuid>

namespace nova {

// Where a stream is published and watched. Playback URLs are named by the stream id only: the key
// never appears in anything a viewer can see.
class PlaybackUrls
{
public:
    // `hlsBase`: e.g. http://127.0.0.1:8088/hls; `rtmpIngest`: e.g. rtmp://127.0.0.1:1935/live;
    // `watchBase`: e.g. http://127.0.0.1:8088/watch, by default /watch on hlsBase's host.
    PlaybackUrls(QUrl hlsBase, QUrl rtmpIngest, QUrl watchBase = {});

    QUrl hlsUrl(const QUuid &id) const;
    QUrl watchUrl(const QUuid &id) const;
    const QUrl &rtmpUrl() const { return m_rtmpIngest; }

private:
    QUrl m_hlsBase;
    QUrl m_rtmpIngest;
    QUrl m_watchBase;
};

} // namespace nova
