#include "server/publisher/publisher_reading.h"

namespace nova {

PublisherDetails publisherDetails(const NginxStat::Stream &live, const QString &node,
                                  const std::optional<PublisherMeasurements::Measured> &measured)
{
    PublisherDetails details;
    details.address = live.publisherAddress;
    details.ingest = node;
    details.video.codec = live.videoCodec;
    details.video.profile = live.videoProfile;
    details.video.width = live.width;
    details.video.height = live.height;
    if (live.frameRate > 0)
        details.video.fps = live.frameRate;
    else if (measured)
        details.video.fps = measured->fps;
    if (measured)
        details.video.keyframeIntervalS = measured->keyframeIntervalS;
    if (!live.audioCodec.isEmpty())
        details.audio =
            PublisherDetails::Audio{live.audioCodec, live.audioSampleRate, live.audioChannels};
    // nginx averages over ten seconds and says 0 before its first: the probe's second is better
    // than nothing then.
    details.bitrateKbps = double(live.bandwidthIn) / 1000.0;
    if (live.bandwidthIn == 0 && measured && measured->bitrateKbps)
        details.bitrateKbps = *measured->bitrateKbps;
    return details;
}

} // namespace nova
