#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>

namespace nova {

// One EXT-X-STREAM-INF of a master playlist.
struct VariantStream
{
    QString uri;                // relative to the master playlist: "720p/index.m3u8"
    std::int64_t bandwidth = 0; // peak bits per second of its segments, audio included
    std::int64_t averageBandwidth = 0;
    QString codecs; // "avc1.64001f,mp4a.40.2"
    int width = 0;
    int height = 0;
    double frameRate = 0; // 0: not known, left out
};

// A master playlist (RFC 8216 4.3.4.2): the variants in the order given, every segment of each
// starting with a key frame (EXT-X-INDEPENDENT-SEGMENTS).
QByteArray masterPlaylist(const QList<VariantStream> &variants);

} // namespace nova
