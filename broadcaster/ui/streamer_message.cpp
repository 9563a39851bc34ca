#include "broadcaster/ui/streamer_message.h"

#include "shared/api_error.h"

#include <QCoreApplication>

#include <algorithm>

namespace nova {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StreamerMessage", text);
}
} // namespace

QString streamerMessage(MediaError::Kind kind)
{
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

QString refusalMessage(const ApiError &error, const QString &doing)
{
    switch (error.status()) {
    case 0:
        return tr("Cannot reach the server. Check the server address and your network "
                  "connection.");
    case 401:
        return tr("The server refused the token (%1). Check it and connect again.")
            .arg(error.message());
    case 403:
        return tr("This account may not %1: %2.").arg(doing, error.message());
    case 429:
        return tr("Too many changes with this token; try again in %1 s.")
            .arg(std::max(1, error.retryAfterSeconds()));
    default:
        return tr("The server could not %1: %2").arg(doing, error.message());
    }
}

} // namespace nova
