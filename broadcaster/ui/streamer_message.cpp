#include "broadcaster/ui/streamer_message.h"

#include <QCoreApplication>

namespace nova {

QString streamerMessage(MediaError::Kind kind)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("StreamerMessage", text);
    };
    switch (kind) {
    case MediaError::Kind::Refused:
        return tr("The server refused the stream key. Check the key (paste it again), or create "
                  "a new stream: a key stops working once its stream has ended.");
    case MediaError::Kind::Ended:
        return tr("The stream was ended by an operator. Create or choose another stream to go "
                  "live again.");
    case MediaError::Kind::Unreachable:
        return tr("Cannot reach the server. Check the server address and your network "
                  "connection.");
    case MediaError::Kind::TimedOut:
        return tr("The server stopped answering. Your connection may be too slow for this "
                  "bitrate.");
    case MediaError::Kind::Lost:
        return tr("The connection to the server broke.");
    case MediaError::Kind::Encoder:
        return tr("The video encoder failed. Try a lower resolution or a faster preset.");
    }
    return tr("The broadcast stopped.");
}

} // namespace nova
