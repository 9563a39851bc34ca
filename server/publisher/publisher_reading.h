#pragma once

#include "server/ingest/nginx_stat.h"
#include "server/publisher/publisher_measurements.h"
#include "shared/publisher_details.h"

namespace nova {

// A publisher's details from its ingest node's /stat entry and what the probe measured: the
// declared frame rate when the publisher declares one, else the measured one; nginx's bitrate
// once it has averaged one, else the measured one.
PublisherDetails publisherDetails(const NginxStat::Stream &live, const QString &node,
                                  const std::optional<PublisherMeasurements::Measured> &measured);

} // namespace nova
