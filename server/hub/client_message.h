#pragma once

#include <QByteArrayView>
#include <QString>

namespace nova {

// What a WebSocket client may send (text frames of at most kMaxBytes):
//   {"type":"ping"}                 -> {"event":"pong"}
//   {"type":"replay","since":SEQ}   -> the stream's events after SEQ (viewer sockets)
// Anything else is refused with a reason; the hub then closes with 4400.
struct ClientMessage
{
    static constexpr qsizetype kMaxBytes = 4096;

    enum class Kind
    {
        Invalid,
        Ping,
        Replay
    };
    Kind kind = Kind::Invalid;
    qint64 since = 0;
    QString error; // for Invalid

    static ClientMessage parse(QByteArrayView text);
};

} // namespace nova
