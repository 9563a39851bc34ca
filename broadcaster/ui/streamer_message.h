#pragma once

#include "broadcaster/media/media_error.h"

#include <QString>

namespace nova {

class ApiError;

// What went wrong, told the way a streamer thinks of it (wrong key, server unreachable, stream
// ended by an operator), with what to do next. Never contains the key.
QString streamerMessage(MediaError::Kind kind);
// The Nova server's refusal of `doing` ("create the stream", "sign in"), in the same words.
QString refusalMessage(const ApiError &error, const QString &doing);

} // namespace nova
