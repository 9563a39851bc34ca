#pragma once

#include "broadcaster/media/media_error.h"

namespace nova {

// nova-broadcaster's exit statuses, for scripts (also in --help).
enum ExitStatus : int
{
    kExitClean = 0,
    kExitUsage = 2,
    kExitApi = 3,
    kExitUnreachable = 4,
    kExitRefused = 5,
    kExitConnectionLost = 6,
    kExitEncoder = 7,
};

ExitStatus exitStatusFor(MediaError::Kind kind);

} // namespace nova
