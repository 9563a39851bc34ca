#include "broadcaster/publisher/rtmp_publisher.h"

#include "broadcaster/media/media_error.h"
#include "broadcaster/publisher/ffmpeg_log.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace nova {

namespace {
constexpr int64_t kLeastSendBuffer = 32 * 1024;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

RtmpPublisher::RtmpPublisher(QString ingestUrl, QString streamKey,
                             const std::atomic<bool> &stopRequested, Timeouts timeouts)
    : m_ingestUrl(std::move(ingestUrl))
    , m_streamKey(std::move(streamKey))
    , m_stopRequested(stopRequested)
    , m_timeouts(timeouts)
{
    while (m_ingestUrl.endsWith(u'/'))
        m_ingestUrl.chop(1);
    FfmpegLog::redact(m_streamKey);
}

RtmpPublisher::~RtmpPublisher()
{
    m_closing = true;
    startDeadline(std::chrono::milliseconds(2000));
    if (m_format) {
        if (m_format->pb)
            avio_closep(&m_format->pb);
        avformat_free_context(m_format);
    }
}

void RtmpPublisher::startDeadline(std::chrono::milliseconds timeout)
{
    m_deadlineNs = nowNs() + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
}

int RtmpPublisher::interrupted(void *self)
{
    auto *publisher = static_cast<RtmpPublisher *>(self);
    const bool stop = publisher->m_stopRequested.load() && !publisher->m_closing.load();
    return stop || nowNs() > publisher->m_deadlineNs.load();
}

void RtmpPublisher::open(const AVCodecContext *video, const AVCodecContext *audio)
{
    const QByteArray url = (m_ingestUrl + u'/' + m_streamKey).toUtf8();
    if (avformat_alloc_output_context2(&m_format, nullptr, "flv", nullptr) < 0 || !m_format)
        throw MediaError(MediaError::Kind::Encoder, QStringLiteral("cannot create the FLV muxer"));
    m_format->interrupt_callback = {&RtmpPublisher::interrupted, this};
    m_format->flags |= AVFMT_FLAG_FLUSH_PACKETS; // send each packet now, not when a buffer fills

    for (const AVCodecContext *codec : {video, audio}) {
        AVStream *stream = avformat_new_stream(m_format, nullptr);
        if (!stream || avcodec_parameters_from_context(stream->codecpar, codec) < 0)
            throw MediaError(MediaError::Kind::Encoder,
                             QStringLiteral("cannot set up the FLV streams"));
        stream->time_base = {1, 1000};
        if (codec->codec_type == AVMEDIA_TYPE_VIDEO)
            stream->avg_frame_rate = codec->framerate; // announced in onMetaData
    }

    AVDictionary *options = nullptr;
    av_dict_set_int(&options, "rw_timeout",
                    std::chrono::duration_cast<std::chrono::microseconds>(m_timeouts.write).count(),
                    0);
    av_dict_set(&options, "tcp_nodelay", "1", 0);
    // A kernel buffer of about a quarter second of the stream: a slow uplink then shows as a
    // growing send queue within a second (where the bitrate is lowered), not after the
    // megabytes of an autotuned buffer have filled, seconds later and with a stale picture.
    const int64_t bytesPerSecond = (video->bit_rate + audio->bit_rate) / 8;
    av_dict_set_int(&options, "send_buffer_size",
                    std::max<int64_t>(kLeastSendBuffer, bytesPerSecond / 4), 0);
    startDeadline(m_timeouts.connect);
    const int opened = avio_open2(&m_format->pb, url.constData(), AVIO_FLAG_WRITE,
                                  &m_format->interrupt_callback, &options);
    av_dict_free(&options);
    if (opened < 0) {
        if (m_stopRequested)
            throw MediaError(MediaError::Kind::Lost, QStringLiteral("stopped while connecting"));
        if (opened == AVERROR_EXIT)
            throw MediaError(MediaError::Kind::TimedOut,
                             QStringLiteral("%1 did not answer within %2 s")
                                 .arg(m_ingestUrl)
                                 .arg(m_timeouts.connect.count() / 1000.0));
        if (opened == AVERROR(ECONNREFUSED) || opened == AVERROR(EHOSTUNREACH) ||
            opened == AVERROR(ENETUNREACH) || opened == AVERROR(EINVAL))
            throw MediaError(MediaError::Kind::Unreachable,
                             QStringLiteral("cannot connect to %1: %2")
                                 .arg(m_ingestUrl, ffmpegErrorText(opened)));
        throw MediaError(MediaError::Kind::Refused,
                         QStringLiteral("%1 refused the stream: the stream key is wrong, or the "
                                        "stream has ended")
                             .arg(m_ingestUrl));
    }

    startDeadline(m_timeouts.write);
    if (const int error = avformat_write_header(m_format, nullptr); error < 0)
        throw MediaError(MediaError::Kind::Lost, QStringLiteral("the connection to %1 broke: %2")
                                                     .arg(m_ingestUrl, ffmpegErrorText(error)));
    m_headerWritten = true;
}

void RtmpPublisher::writeVideo(AVPacket *packet, AVRational timeBase)
{
    write(packet, timeBase, 0);
}

void RtmpPublisher::writeAudio(AVPacket *packet, AVRational timeBase)
{
    write(packet, timeBase, 1);
}

void RtmpPublisher::write(AVPacket *packet, AVRational timeBase, int streamIndex)
{
    AVStream *stream = m_format->streams[streamIndex];
    av_packet_rescale_ts(packet, timeBase, stream->time_base);
    packet->stream_index = streamIndex;
    startDeadline(m_timeouts.write);
    const int error = av_interleaved_write_frame(m_format, packet);
    if (error < 0) {
        if (m_stopRequested)
            return; // a requested stop interrupted the write; not a failure
        throw MediaError(
            error == AVERROR_EXIT ? MediaError::Kind::TimedOut : MediaError::Kind::Lost,
            error == AVERROR_EXIT ? QStringLiteral("%1 stopped accepting data").arg(m_ingestUrl)
                                  : QStringLiteral("the connection to %1 broke: %2")
                                        .arg(m_ingestUrl, ffmpegErrorText(error)));
    }
}

void RtmpPublisher::finish()
{
    if (!m_format || !m_headerWritten)
        return;
    // A short grace for the trailer, even when stopping: the server should see a clean end.
    m_headerWritten = false;
    m_closing = true;
    startDeadline(std::chrono::milliseconds(2000));
    av_write_trailer(m_format);
}

qint64 RtmpPublisher::bytesSent() const
{
    return m_format && m_format->pb ? avio_tell(m_format->pb) : 0;
}

} // namespace nova
