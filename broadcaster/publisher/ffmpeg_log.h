#pragma once

#include <QString>

namespace nova {

// Routes FFmpeg's own log lines into ours (errors only) with every registered secret replaced by
// "<redacted>": FFmpeg's RTMP code can print the stream name, and the stream name is the key.
class FfmpegLog
{
public:
    static void install();
    static void redact(const QString &secret);
};

} // namespace nova
