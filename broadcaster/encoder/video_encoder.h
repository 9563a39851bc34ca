#pragma once

#include "broadcaster/encoder/encoder_output.h"
#include "broadcaster/media/video_format.h"
#include "shared/ffmpeg/av_handles.h"

#include <QString>

#include <functional>

namespace nova {

// H.264 through libavcodec + libx264, tuned for live ingest: no B-frames, no lookahead
// (zerolatency), a fixed keyframe interval with no scene-cut keyframes, and a one-second VBV capped
// at the bitrate the streamer asked for. No NAL HRD and filler (x264's strict CBR): with them x264
// refuses every later bitrate change, and the bitrate must follow the network live. Every
// keyframe, and once a second, carries the capture wall-clock time in SEI (CaptureTimestampSei).
// Keyframes are placed by picture time, not by count, so that skipped pictures never leave x264 to
// place one of its own without the SEI.
class VideoEncoder
{
public:
    struct Settings
    {
        VideoFormat format;
        int bitrateKbps = 2500;
        QString preset = QStringLiteral("veryfast");
        QString tune = QStringLiteral("zerolatency");
        int keyframeSeconds = 1; // a player joining, or a stream after a drop, waits at most this
    };

    explicit VideoEncoder(const Settings &settings); // throws MediaError(Encoder)

    const AVCodecContext *context() const { return m_context.get(); }
    const Settings &settings() const { return m_settings; }

    // A frame to draw into, owned by the encoder's pool and writable.
    AVFrame *frameForWriting();
    // Encodes the frame last returned by frameForWriting() as picture `index`, captured at
    // `captureMicros`; hands each finished packet to `sink`.
    void encode(qint64 index, qint64 captureMicros, const PacketSink &sink);
    // Drains the encoder at the end of the stream.
    void flush(const PacketSink &sink);

    // The next picture becomes a keyframe (a new connection must start with one).
    void requestKeyframe() { m_keyframeRequested = true; }
    // Changes the bitrate (and the VBV with it) from the next picture on.
    void setBitrate(int kbps);

private:
    Settings m_settings;
    AvCodecContextPtr m_context;
    AvFramePtr m_frame;
    AvPacketPtr m_packet;
    qint64 m_lastKeyframe = -1;
    bool m_keyframeRequested = false;
};

} // namespace nova
