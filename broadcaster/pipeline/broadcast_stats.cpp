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

double BroadcastStats::networkDroppedPercent() const
{
    return framesSent > 0 ? 100.0 * double(networkDroppedFrames) / double(framesSent) : 0.0;
}

QJsonObject BroadcastStats::toJson() const
{
    return {
        {QStringLiteral("state"), stateName(state)},
        {QStringLiteral("uptime_s"), rounded(uptimeMs / 1000.0, 1)},
        {QStringLiteral("frames_sent"), framesSent},
        {QStringLiteral("dropped_frames"), droppedFrames},
        {QStringLiteral("network_dropped_frames"), networkDroppedFrames},
        {QStringLiteral("fps"), rounded(fps, 1)},
        {QStringLiteral("target_fps"), targetFps},
        {QStringLiteral("bitrate_kbps"), rounded(bitrateKbps, 0)},
        {QStringLiteral("bytes_sent"), bytesSent},
        {QStringLiteral("encode_ms"), rounded(encodeMsPerFrame, 2)},
        {QStringLiteral("cpu_percent"), rounded(cpuPercent, 1)},
        {QStringLiteral("reconnects"), reconnects},
    };
}

} // namespace nova
