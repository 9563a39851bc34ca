#pragma once

#include <QMetaType>
#include <QString>

namespace nova {

// Where a broadcast stands, as the streamer is told.
enum class BroadcastState
{
    Connecting,   // reaching the server and waiting for it to accept the stream
    Live,         // the server is taking the stream
    Reconnecting, // the connection broke; the next attempt is scheduled
    Stopped,
};

// "connecting", "live", "reconnecting", "stopped": for JSON and logs.
QString stateName(BroadcastState state);

} // namespace nova

Q_DECLARE_METATYPE(nova::BroadcastState)
