#include "broadcaster/pipeline/broadcast_stats.h"

#include <QJsonArray>

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
    QJsonObject json{
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
    if (captureToSendMs >= 0)
        json.insert(QStringLiteral("capture_to_send_ms"), rounded(captureToSendMs, 1));
    if (targetBitrateKbps > 0)
        json.insert(QStringLiteral("target_bitrate_kbps"), targetBitrateKbps);
    if (!bitrateReason.isEmpty())
        json.insert(QStringLiteral("bitrate_reason"), bitrateReason);
    if (!sourceProblem.isEmpty())
        json.insert(QStringLiteral("source_problem"), sourceProblem);
    if (!audio.isEmpty()) {
        // A meter's floor for silence: JSON has no minus infinity.
        const auto dbfs = [](double value) {
            return std::isfinite(value) ? rounded(value, 1) : -120.0;
        };
        QJsonArray strips;
        for (const AudioMixer::Strip &strip : audio)
            strips.append(QJsonObject{{QStringLiteral("name"), strip.name},
                                      {QStringLiteral("muted"), strip.muted},
                                      {QStringLiteral("peak_dbfs"), dbfs(strip.level.peakDbfs)},
                                      {QStringLiteral("rms_dbfs"), dbfs(strip.level.rmsDbfs)}});
        json.insert(QStringLiteral("audio"), strips);
    }
    if (!recordingPath.isEmpty()) {
        QJsonObject recording{{QStringLiteral("path"), recordingPath},
                              {QStringLiteral("bytes"), recordedBytes},
                              {QStringLiteral("video_packets"), recordedVideoPackets}};
        if (!recordingProblem.isEmpty())
            recording.insert(QStringLiteral("problem"), recordingProblem);
        json.insert(QStringLiteral("recording"), recording);
    }
    return json;
}

} // namespace nova
