#include "broadcaster/cli/exit_status.h"

namespace nova {

ExitStatus exitStatusFor(MediaError::Kind kind)
{
    switch (kind) {
    case MediaError::Kind::Encoder:
        return kExitEncoder;
    case MediaError::Kind::Unreachable:
        return kExitUnreachable;
    case MediaError::Kind::Refused:
    case MediaError::Kind::Ended:
        return kExitRefused;
    case MediaError::Kind::Lost:
    case MediaError::Kind::TimedOut:
        return kExitConnectionLost;
    }
    return kExitConnectionLost;
}

} // namespace nova
