#include "ladder/pipeline/rendition_encoder.h"

#include "ladder/playlist/codec_string.h"
#include "shared/ffmpeg/capture_time_side_data.h"
#include "shared/ffmpeg/ffmpeg_error.h"

#include <QFile>

extern "C" {
#include <libavutil/opt.h>
}

namespace nova {

namespace {
bool fail(QString *error, const QString &what, int code)
{
    *error = what + QStringLiteral(": ") + ffmpegErrorText(code);
    return false;
}

bool isKey(const AVFrame *frame)
{
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 7, 100)
    return frame->flags & AV_FRAME_FLAG_KEY;
#else
    return frame->key_frame;
#endif
}
} // namespace

RenditionEncoder::RenditionEncoder(Variant variant, QString directory, double segmentSeconds,
                                   int window, const Source &source)
    : m_variant(std::move(variant))
    , m_source(source)
    , m_directory(directory)
    , m_writer(std::move(directory), segmentSeconds, window)
    , m_lag(source.timeBase)
{}

RenditionEncoder::~RenditionEncoder()
{
    stop(false);
    avcodec_free_context(&m_encoder);
    sws_freeContext(m_scaler);
    av_frame_free(&m_scaled);
    av_packet_free(&m_packet);
}

bool RenditionEncoder::start(QString *error)
{
    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    if (!codec) {
        *error = QStringLiteral("this FFmpeg has no libx264 encoder");
        return false;
    }
    m_encoder = avcodec_alloc_context3(codec);
    AVCodecContext *c = m_encoder;
    c->width = m_variant.width;
    c->height = m_variant.height;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = m_source.timeBase;
    c->framerate = m_source.frameRate;
    c->bit_rate = m_variant.bitsPerSecond;
    c->rc_max_rate = c->bit_rate;
    c->rc_buffer_size = int(c->bit_rate); // one second of VBV
    c->max_b_frames = 0;
    // Key frames only where the source has them; none of x264's own.
    c->gop_size = 100'000;
    c->thread_count = 0;
    av_opt_set(c->priv_data, "preset", "veryfast", 0);
    av_opt_set(c->priv_data, "tune", "zerolatency", 0);
    av_opt_set(c->priv_data, "profile", "high", 0);
    av_opt_set_int(c->priv_data, "forced-idr", 1, 0);
    // The capture clock goes on in every rendition: players read it to tell their latency.
    av_opt_set_int(c->priv_data, "udu_sei", 1, 0);
    av_opt_set(c->priv_data, "x264-params", "scenecut=0", 0);
    if (const int code = avcodec_open2(c, codec, nullptr); code < 0)
        return fail(error, QStringLiteral("cannot open x264 for %1").arg(m_variant.name), code);

    m_scaled = av_frame_alloc();
    m_scaled->format = c->pix_fmt;
    m_scaled->width = c->width;
    m_scaled->height = c->height;
    if (const int code = av_frame_get_buffer(m_scaled, 0); code < 0)
        return fail(error, QStringLiteral("cannot allocate a picture"), code);
    m_packet = av_packet_alloc();

    AVCodecParameters *video = avcodec_parameters_alloc();
    avcodec_parameters_from_context(video, c);
    SegmentWriter::Input input;
    input.video = video;
    input.videoTimeBase = c->time_base;
    input.audio = m_source.audio;
    input.audioTimeBase = m_source.audioTimeBase;
    input.follow = m_source.cuts;
    const bool opened = m_writer.open(input, error);
    avcodec_parameters_free(&video);
    if (!opened)
        return false;
    QFile::remove(m_directory + QStringLiteral("/dropped")); // an earlier run's: made again now
    m_thread = std::thread([this] { run(); });
    return true;
}

void RenditionEncoder::push(MediaItem item)
{
    if (item.frame)
        m_lag.given(item.frame->pts);
    m_queue.push(std::move(item));
}

void RenditionEncoder::stop(bool drain)
{
    m_queue.close(!drain);
    if (m_thread.joinable())
        m_thread.join();
}

QString RenditionEncoder::codecs() const
{
    std::lock_guard lock(m_mutex);
    if (m_videoCodecs.isEmpty())
        return {};
    if (m_source.audio && m_source.audioCodec.isEmpty())
        return {}; // a CODECS without the sound's would tell players there is none
    return m_source.audio ? m_videoCodecs + u',' + m_source.audioCodec : m_videoCodecs;
}

QString RenditionEncoder::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_failure;
}

void RenditionEncoder::run()
{
    QString error;
    bool ok = true;
    while (std::optional<MediaItem> item = m_queue.pop()) {
        if (ok && !encode(*item, &error))
            ok = false;
    }
    if (ok)
        ok = encodeAndWrite(nullptr, std::nullopt, &error) && m_writer.finish(&error);
    else
        m_writer.finish(&error);
    if (!ok) {
        std::lock_guard lock(m_mutex);
        m_failure = error;
    }
}

bool RenditionEncoder::encode(MediaItem &item, QString *error)
{
    if (item.audio)
        return m_writer.writeAudio(item.packet.get(), error);
    AVFrame *frame = item.frame.get();
    m_scaler = sws_getCachedContext(m_scaler, frame->width, frame->height,
                                    AVPixelFormat(frame->format), m_scaled->width, m_scaled->height,
                                    AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr);
    if (!m_scaler) {
        *error = QStringLiteral("cannot scale the picture to %1").arg(m_variant.name);
        return false;
    }
    if (const int code = av_frame_make_writable(m_scaled); code < 0)
        return fail(error, QStringLiteral("cannot get a writable picture"), code);
    sws_scale(m_scaler, frame->data, frame->linesize, 0, frame->height, m_scaled->data,
              m_scaled->linesize);
    m_scaled->pts =
        frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
    // x264 makes an IDR exactly here (forced-idr), so the segments line up with the source's.
    m_scaled->pict_type = isKey(frame) ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
    setCaptureTimeSideData(m_scaled, item.capturedAtMs
                                         ? std::optional<qint64>(*item.capturedAtMs * 1000)
                                         : std::nullopt);
    const bool ok = encodeAndWrite(m_scaled, item.capturedAtMs, error);
    m_lag.finished(m_scaled->pts);
    return ok;
}

bool RenditionEncoder::encodeAndWrite(AVFrame *frame, std::optional<std::int64_t> capturedAtMs,
                                      QString *error)
{
    if (frame && frame->pict_type == AV_PICTURE_TYPE_I)
        m_pendingCapture = capturedAtMs;
    int code = avcodec_send_frame(m_encoder, frame);
    if (code < 0 && code != AVERROR_EOF)
        return fail(error, QStringLiteral("x264 (%1)").arg(m_variant.name), code);
    while ((code = avcodec_receive_packet(m_encoder, m_packet)) == 0) {
        const bool key = m_packet->flags & AV_PKT_FLAG_KEY;
        if (key) {
            std::lock_guard lock(m_mutex);
            if (m_videoCodecs.isEmpty()) {
                m_videoCodecs = avcCodecString(
                    QByteArrayView(reinterpret_cast<const char *>(m_packet->data), m_packet->size));
            }
        }
        if (!m_writer.writeVideo(m_packet, key ? m_pendingCapture : std::nullopt, error))
            return false;
    }
    if (code == AVERROR(EAGAIN) || code == AVERROR_EOF)
        return true;
    return fail(error, QStringLiteral("x264 (%1)").arg(m_variant.name), code);
}

} // namespace nova
