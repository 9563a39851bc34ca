#pragma once

#include "ladder/pipeline/hls_ladder.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace nova {

// nova-hls-ladder --input rtmp://127.0.0.1:1935/playback --output DIR [--log FILE]
//                 [--segment-seconds 2] [--playlist-segments 6]
//                 [--renditions 1080p:5000k,720p:3000k,480p:1500k] [--max-behind 4]
//                 [--transcode-slots CORES] [--slots-dir TMP/nova-hls-ladder-slots] STREAM_ID
// reads rtmp://.../playback/STREAM_ID and writes DIR/STREAM_ID/index.m3u8.
struct LadderOptions
{
    LadderSettings settings;
    QString streamId;
    QString log; // empty: standard error
};

std::optional<LadderOptions> parseLadderOptions(const QStringList &arguments, QString *error);

} // namespace nova
