#pragma once

#include "server/cache/event_bus.h"
#include "server/store/outbox_store.h"
#include "server/streams/playback_urls.h"

#include <chrono>

namespace nova {

// What each transition tells the world (stream_started, stream_playable, stream_interrupted,
// stream_resumed, stream_ended; docs/websocket.md), made from its outbox entry: when it happened,
// and the stream as it is when the entry is relayed (its start, end and title never change once
// set).
class LifecycleEvents
{
public:
    LifecycleEvents(PlaybackUrls urls, std::chrono::seconds reconnectGrace);

    // The event of `entry`; `seenPeak` is the highest count of viewers this replica saw, which a
    // stream_ended reports if higher than the recorded one.
    Publication describe(const OutboxEntry &entry, int seenPeak) const;

private:
    PlaybackUrls m_urls;
    std::chrono::seconds m_reconnectGrace;
};

} // namespace nova
