#pragma once

#include "shared/stream_status.h"

#include <QString>

#include <optional>

namespace nova {

// What can happen to a stream.
enum class StreamEvent
{
    Publish, // a publisher with the right key was accepted (first time, a resume or a reconnect)
    PublishDone,  // the publisher went away (it may come back within the reconnect grace)
    GraceExpired, // the reconnect grace ran out with no publisher back
    End,          // an operator or the owner ended the stream
    Fail,         // the stream could not start
};

QString toString(StreamEvent event);

// The one table of legal moves:
//   PENDING|RECONNECTING --Publish--> ACTIVE, ACTIVE --Publish--> ACTIVE (a newer publisher)
//   ACTIVE --PublishDone--> RECONNECTING --GraceExpired--> COMPLETED
//   PENDING|ACTIVE|RECONNECTING --End--> COMPLETED (at once), --Fail--> FAILED
//   COMPLETED and FAILED are final.
// Returns the next status, or nullopt when the event is illegal in `from`.
std::optional<StreamStatus> nextStatus(StreamStatus from, StreamEvent event);

} // namespace nova
