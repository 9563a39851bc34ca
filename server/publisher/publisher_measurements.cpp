#include "server/publisher/publisher_measurements.h"

#include "shared/live_event.h"

namespace nova {

void PublisherMeasurements::apply(const BusEvent &event)
{
    if (event.name == QLatin1StringView(LiveEvent::kStreamInterrupted) ||
        event.name == QLatin1StringView(LiveEvent::kStreamEnded)) {
        m_last.remove(event.streamId); // a publisher that comes back is measured anew
        return;
    }
    if (event.name != QLatin1StringView(LiveEvent::kStreamMetrics))
        return;
    const auto parsed = LiveEvent::parse(event.json);
    if (!parsed)
        return;
    const auto number = [&](QStringView key) -> std::optional<double> {
        const QJsonValue value = parsed->data.value(key);
        return value.isDouble() ? std::optional(value.toDouble()) : std::nullopt;
    };
    Measured &measured = m_last[event.streamId];
    measured.bitrateKbps = number(u"bitrate_kbps");
    measured.fps = number(u"fps");
    // A second without a keyframe says nothing new about the interval.
    if (const auto interval = number(u"keyframe_interval_s"))
        measured.keyframeIntervalS = interval;
}

std::optional<PublisherMeasurements::Measured> PublisherMeasurements::of(const QUuid &stream) const
{
    const auto found = m_last.constFind(stream);
    if (found == m_last.constEnd())
        return std::nullopt;
    return *found;
}

} // namespace nova
