#include "broadcaster/encoder/video_encoder.h"

#include "broadcaster/encoder/encoder_output.h"
#include "broadcaster/media/media_error.h"
#include "shared/ffmpeg/capture_time_side_data.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace nova {

VideoEncoder::VideoEncoder(const Settings &settings)
    : m_settings(settings)
    , m_frame(av_frame_alloc())
    , m_packet(av_packet_alloc())
{
    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        throw MediaError(MediaError::Kind::Encoder,
                         QStringLiteral("this FFmpeg has no libx264 encoder"));
    m_context.reset(avcodec_alloc_context3(codec));

    const VideoFormat &format = settings.format;
    const int gop = format.fps * settings.keyframeSeconds;
    AVCodecContext *c = m_context.get();
    c->width = format.width;
    c->height = format.height;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = {1, format.fps};
    c->framerate = {format.fps, 1};
    c->gop_size = gop;
    c->keyint_min = gop;
    c->max_b_frames = 0;
    c->bit_rate = qint64(settings.bitrateKbps) * 1000;
    c->rc_max_rate = c->bit_rate;
    c->rc_buffer_size = int(c->bit_rate);    // one second of VBV
    c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER; // FLV carries SPS/PPS in its sequence header
    c->thread_count = 0;

    av_opt_set(c->priv_data, "preset", settings.preset.toUtf8().constData(), 0);
    if (!settings.tune.isEmpty())
        av_opt_set(c->priv_data, "tune", settings.tune.toUtf8().constData(), 0);
    av_opt_set(c->priv_data, "profile", "high", 0);
    av_opt_set_int(c->priv_data, "udu_sei", 1, 0);
    av_opt_set(c->priv_data, "x264-params",
               QStringLiteral("scenecut=0:force-cfr=1:keyint=%1:min-keyint=%1")
                   .arg(gop)
                   .toUtf8()
                   .constData(),
               0);

    if (const int error = avcodec_open2(c, codec, nullptr); error < 0)
        throw encoderError(QStringLiteral("cannot open the H.264 encoder"), error);

    m_frame->format = c->pix_fmt;
    m_frame->width = c->width;
    m_frame->height = c->height;
    if (const int error = av_frame_get_buffer(m_frame.get(), 0); error < 0)
        throw encoderError(QStringLiteral("cannot allocate a picture"), error);
}

AVFrame *VideoEncoder::frameForWriting()
{
    // The encoder may still hold the previous picture; never draw over it.
    if (const int error = av_frame_make_writable(m_frame.get()); error < 0)
        throw encoderError(QStringLiteral("cannot get a writable picture"), error);
    return m_frame.get();
}

void VideoEncoder::encode(qint64 index, qint64 captureMicros, const PacketSink &sink)
{
    AVFrame *frame = m_frame.get();
    frame->pts = index;
    const int fps = m_settings.format.fps;
    // x264 counts the pictures it saw; this counts the time they stand for, which is never less,
    // so every keyframe is one asked for here, and carries the SEI.
    const bool keyframe =
        m_keyframeRequested || m_lastKeyframe < 0 || index - m_lastKeyframe >= m_context->gop_size;
    if (keyframe) {
        m_lastKeyframe = index;
        m_keyframeRequested = false;
    }
    // The picture type alone asks the encoder for a keyframe (on FFmpeg 5.1 and 7.1 alike).
    frame->pict_type = keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;

    setCaptureTimeSideData(frame, keyframe || index % fps == 0 ? std::optional(captureMicros)
                                                               : std::nullopt);

    if (const int error = avcodec_send_frame(m_context.get(), frame); error < 0)
        throw encoderError(QStringLiteral("the H.264 encoder refused a picture"), error);
    drainEncoder(m_context.get(), m_packet.get(), sink, QStringLiteral("H.264"));
}

void VideoEncoder::setBitrate(int kbps)
{
    // libavcodec's x264 wrapper reconfigures x264 when these change between pictures.
    AVCodecContext *c = m_context.get();
    m_settings.bitrateKbps = kbps;
    c->bit_rate = qint64(kbps) * 1000;
    c->rc_max_rate = c->bit_rate;
    c->rc_buffer_size = int(c->bit_rate);
}

void VideoEncoder::flush(const PacketSink &sink)
{
    flushEncoder(m_context.get(), m_packet.get(), sink, QStringLiteral("H.264"));
}

} // namespace nova
