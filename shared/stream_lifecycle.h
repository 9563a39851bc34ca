#pragma once

#include "shared/stream_status.h"

#include <QString>

#include <optional>

namespace nova {

// What can happen to a stream.
enum class StreamEvent
{
    Publish,     // a publisher with the right key was accepted (first time or a reconnect)
    PublishDone, // the publisher went away
    End,         // an operator ended the stream
    Fail,        // the stream could not start
};

QString toString(StreamEvent event);

// The one table of legal moves:
//   PENDING --Publish--> ACTIVE --Publish--> ACTIVE (reconnect)
//   ACTIVE --PublishDone|End--> COMPLETED, PENDING --End--> COMPLETED (never went live)
//   PENDING|ACTIVE --Fail--> FAILED; COMPLETED and FAILED are final.
// Returns the next status, or nullopt when the event is illegal in `from`.
std::optional<StreamStatus> nextStatus(StreamStatus from, StreamEvent event);

} // namespace nova
