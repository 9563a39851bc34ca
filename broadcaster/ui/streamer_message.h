#pragma once

#include "broadcaster/media/media_error.h"

#include <QString>

namespace nova {

// What went wrong, told the way a streamer thinks of it (wrong key, server unreachable, stream
// ended by an operator), with what to do next. Never contains the key.
QString streamerMessage(MediaError::Kind kind);

} // namespace nova
