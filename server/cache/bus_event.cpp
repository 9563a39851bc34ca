#include "server/cache/bus_event.h"

#include "shared/live_event.h"

namespace nova {

std::optional<BusEvent> BusEvent::fromJson(const QByteArray &json)
{
    const auto event = LiveEvent::parse(json);
    if (!event)
        return std::nullopt;
    return BusEvent{event->streamId, event->seq, event->name, json};
}

} // namespace nova
