#include "ladder/pipeline/source_input.h"

#include "ladder/playlist/codec_string.h"
#include "shared/capture_timestamp_sei.h"
#include "shared/ffmpeg/ffmpeg_error.h"

namespace nova {

SourceInput::SourceInput(const std::atomic<bool> &stopping)
    : m_stopping(stopping)
{}

SourceInput::~SourceInput()
{
    avformat_close_input(&m_format);
}

int SourceInput::interrupted(void *opaque)
{
    const auto *input = static_cast<const SourceInput *>(opaque);
    return input->m_stopping || std::chrono::steady_clock::now() > input->m_deadline;
}

bool SourceInput::open(const QString &url, std::chrono::seconds readTimeout, QString *error)
{
    m_readTimeout = readTimeout;
    m_deadline = std::chrono::steady_clock::now() + readTimeout;
    m_format = avformat_alloc_context();
    m_format->interrupt_callback = {&SourceInput::interrupted, this};
    AVDictionary *options = nullptr;
    av_dict_set(&options, "rtmp_live", "live", 0);
    // nginx-rtmp sends the metadata and both sequence headers first: two seconds say it all.
    av_dict_set(&options, "analyzeduration", "2000000", 0);
    const QByteArray address = url.toUtf8();
    int code = avformat_open_input(&m_format, address.constData(), nullptr, &options);
    av_dict_free(&options);
    if (code < 0) {
        *error = QStringLiteral("cannot open %1: %2").arg(url, ffmpegErrorText(code));
        return false; // avformat_open_input freed the context
    }
    if ((code = avformat_find_stream_info(m_format, nullptr)) < 0) {
        *error = QStringLiteral("cannot read what %1 carries: %2").arg(url, ffmpegErrorText(code));
        return false;
    }
    for (unsigned i = 0; i < m_format->nb_streams; ++i) {
        const AVStream *stream = m_format->streams[i];
        const AVMediaType type = stream->codecpar->codec_type;
        if (type == AVMEDIA_TYPE_VIDEO && !m_video)
            m_video = stream;
        else if (type == AVMEDIA_TYPE_AUDIO && !m_audio)
            m_audio = stream;
    }
    if (!m_video && !m_audio) {
        *error = QStringLiteral("%1 carries neither picture nor sound").arg(url);
        return false;
    }
    return true;
}

bool SourceInput::read(AVPacket *packet, QString *error)
{
    for (;;) {
        m_deadline = std::chrono::steady_clock::now() + m_readTimeout;
        const int code = av_read_frame(m_format, packet);
        if (code == AVERROR_EOF || m_stopping)
            return false;
        if (code < 0) {
            *error = QStringLiteral("the stream broke off: ") + ffmpegErrorText(code);
            return false;
        }
        if ((m_video && packet->stream_index == m_video->index) ||
            (m_audio && packet->stream_index == m_audio->index)) {
            return true;
        }
        av_packet_unref(packet); // data or a second track: not for HLS
    }
}

SourcePicture SourceInput::picture() const
{
    if (!m_video)
        return {};
    const AVCodecParameters *video = m_video->codecpar;
    return {video->width, video->height, video->bit_rate};
}

AVRational SourceInput::frameRate() const
{
    if (!m_video)
        return {0, 1};
    if (m_video->avg_frame_rate.num > 0 && m_video->avg_frame_rate.den > 0)
        return m_video->avg_frame_rate;
    return m_video->r_frame_rate;
}

QString SourceInput::codecs() const
{
    QStringList codecs;
    if (m_video) {
        const AVCodecParameters *video = m_video->codecpar;
        if (video->codec_id != AV_CODEC_ID_H264)
            return {};
        const QString avc = avcCodecString(QByteArrayView(
            reinterpret_cast<const char *>(video->extradata), video->extradata_size));
        if (avc.isEmpty())
            return {};
        codecs.append(avc);
    }
    if (m_audio) {
        const QString sound = soundCodec();
        if (sound.isEmpty())
            return {};
        codecs.append(sound);
    }
    return codecs.join(u',');
}

QString SourceInput::soundCodec() const
{
    if (!m_audio)
        return {};
    const AVCodecParameters *audio = m_audio->codecpar;
    if (audio->codec_id == AV_CODEC_ID_AAC) {
        return aacCodecString(QByteArrayView(reinterpret_cast<const char *>(audio->extradata),
                                             audio->extradata_size));
    }
    if (audio->codec_id == AV_CODEC_ID_MP3)
        return QStringLiteral("mp4a.40.34");
    return {};
}

std::optional<std::int64_t> SourceInput::capturedAtMs(const AVPacket *packet) const
{
    if (!m_video || packet->stream_index != m_video->index ||
        m_video->codecpar->codec_id != AV_CODEC_ID_H264) {
        return std::nullopt;
    }
    // FLV carries H.264 with 4-byte NAL lengths.
    const std::optional<qint64> micros = CaptureTimestampSei::find(
        QByteArrayView(reinterpret_cast<const char *>(packet->data), packet->size),
        CaptureTimestampSei::Framing::LengthPrefixed);
    if (!micros)
        return std::nullopt;
    return *micros / 1000;
}

} // namespace nova
