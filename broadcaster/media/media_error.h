#pragma once

#include "shared/ffmpeg/ffmpeg_error.h"

#include <QString>

#include <stdexcept>

namespace nova {

// A failure in the media pipeline, in words a streamer can act on.
class MediaError : public std::runtime_error
{
public:
    enum class Kind
    {
        Encoder,     // the encoder could not be set up or failed
        Unreachable, // no RTMP server answered at the address
        Refused,     // the server closed the publish: wrong key, or the stream has ended
        Ended,       // refused after having been live: the stream was ended on the server
        Lost,        // the connection broke while live
        TimedOut,    // the server stopped answering
    };

    MediaError(Kind kind, const QString &message);

    Kind kind() const { return m_kind; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    Kind m_kind;
};

// An Encoder error: "what: FFmpeg's reason".
MediaError encoderError(const QString &what, int ffmpegCode);

} // namespace nova
