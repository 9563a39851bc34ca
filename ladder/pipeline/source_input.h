#pragma once

#include "ladder/plan/ladder_plan.h"

#include <QString>

extern "C" {
#include <libavformat/avformat.h>
}

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

namespace nova {

// The live stream as nginx-rtmp plays it to the ladder: its picture and sound, read one packet at
// a time, and what the master playlist says of them.
class SourceInput
{
public:
    // `stopping` ends a read that waits (the ladder was told to stop).
    explicit SourceInput(const std::atomic<bool> &stopping);
    ~SourceInput();
    SourceInput(const SourceInput &) = delete;
    SourceInput &operator=(const SourceInput &) = delete;

    bool open(const QString &url, std::chrono::seconds readTimeout, QString *error);
    // The next packet; false at the end of the stream, on a failure (then `error`) or when
    // stopping.
    bool read(AVPacket *packet, QString *error);

    const AVStream *video() const { return m_video; }
    const AVStream *audio() const { return m_audio; }
    SourcePicture picture() const;
    AVRational frameRate() const;
    // RFC 6381 codecs of the source as it is ("" when one of them cannot be named).
    QString codecs() const;
    // The sound's alone, which every variant copies ("" when there is none or it cannot be named).
    QString soundCodec() const;
    // The broadcaster's capture clock in a picture's SEI, in milliseconds since the epoch.
    std::optional<std::int64_t> capturedAtMs(const AVPacket *packet) const;

private:
    static int interrupted(void *opaque);

    const std::atomic<bool> &m_stopping;
    std::chrono::steady_clock::time_point m_deadline;
    std::chrono::seconds m_readTimeout{10};
    AVFormatContext *m_format = nullptr;
    const AVStream *m_video = nullptr;
    const AVStream *m_audio = nullptr;
};

} // namespace nova
