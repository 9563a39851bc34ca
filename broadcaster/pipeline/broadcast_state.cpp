#include "broadcaster/pipeline/broadcast_state.h"

namespace nova {

QString stateName(BroadcastState state)
{
    switch (state) {
    case BroadcastState::Connecting:
        return QStringLiteral("connecting");
    case BroadcastState::Live:
        return QStringLiteral("live");
    case BroadcastState::Reconnecting:
        return QStringLiteral("reconnecting");
    case BroadcastState::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("stopped");
}

} // namespace nova
