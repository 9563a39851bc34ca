#pragma once

#include "server/cache/bus_event.h"

#include <QHash>
#include <QUuid>

#include <optional>

namespace nova {

// What the probe last measured of each live stream, taken from the stream_metrics that reach
// every replica (whichever replica probes it): what nginx's /stat cannot tell of a publisher.
class PublisherMeasurements
{
public:
    struct Measured
    {
        std::optional<double> bitrateKbps;
        std::optional<double> fps;
        std::optional<double> keyframeIntervalS;
    };

    void apply(const BusEvent &event);
    std::optional<Measured> of(const QUuid &stream) const;
    void forget(const QUuid &stream) { m_last.remove(stream); }

private:
    QHash<QUuid, Measured> m_last;
};

} // namespace nova
