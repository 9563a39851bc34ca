#include "broadcaster/pipeline/broadcast_stats.h"

#include <cmath>

namespace nova {

namespace {
double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}
} // namespace

QJsonObject BroadcastStats::toJson() const
{
    return {
        {QStringLiteral("uptime_s"), rounded(uptimeMs / 1000.0, 1)},
        {QStringLiteral("frames_sent"), framesSent},
        {QStringLiteral("dropped_frames"), droppedFrames},
        {QStringLiteral("fps"), rounded(fps, 1)},
        {QStringLiteral("bitrate_kbps"), rounded(bitrateKbps, 0)},
        {QStringLiteral("bytes_sent"), bytesSent},
        {QStringLiteral("encode_ms"), rounded(encodeMsPerFrame, 2)},
    };
}

} // namespace nova
