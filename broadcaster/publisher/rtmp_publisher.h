#pragma once

#include "shared/ffmpeg/av_handles.h"

#include <QString>

#include <atomic>
#include <chrono>

namespace nova {

// Publishes encoded audio and video as FLV over RTMP (libavformat). No network fault can hang it:
// the socket has rw_timeout, and an interrupt callback ends any blocking call when its deadline
// passes or when stop is requested. Failures are MediaErrors that say what went wrong in the
// streamer's terms; nothing it logs contains the stream key.
class RtmpPublisher
{
public:
    struct Timeouts
    {
        std::chrono::milliseconds connect{10'000};
        std::chrono::milliseconds write{5'000};
    };

    // `ingestUrl` is the server's RTMP URL (rtmp://host:port/app), `streamKey` the secret name.
    RtmpPublisher(QString ingestUrl, QString streamKey, const std::atomic<bool> &stopRequested,
                  Timeouts timeouts);
    ~RtmpPublisher();

    // Connects and publishes; the server checks the key during this call.
    void open(const AVCodecContext *video, const AVCodecContext *audio);
    void writeVideo(AVPacket *packet, AVRational timeBase);
    void writeAudio(AVPacket *packet, AVRational timeBase);
    // Ends the FLV stream cleanly (the server then sees the publisher leave).
    void finish();

    qint64 bytesSent() const;
    const QString &ingestUrl() const { return m_ingestUrl; }

private:
    void write(AVPacket *packet, AVRational timeBase, int streamIndex);
    void startDeadline(std::chrono::milliseconds timeout);
    static int interrupted(void *self);

    QString m_ingestUrl;
    QString m_streamKey;
    const std::atomic<bool> &m_stopRequested;
    Timeouts m_timeouts;
    AVFormatContext *m_format = nullptr;
    std::atomic<qint64> m_deadlineNs{0};
    std::atomic<bool> m_closing{false}; // while closing, only the deadline interrupts
    bool m_headerWritten = false;
};

} // namespace nova
