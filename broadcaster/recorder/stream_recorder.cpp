#include "broadcaster/recorder/stream_recorder.h"

#include "broadcaster/media/media_error.h"

#include <QFileInfo>
#include <QLoggingCategory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

namespace nova {

Q_LOGGING_CATEGORY(lcRecorder, "nova.broadcaster.recorder")

namespace {
// Past this many queued packets (about a minute of a 30 fps broadcast) the disk is not keeping
// up: the recording ends rather than eating memory.
constexpr std::size_t kMaxPending = 3000;
} // namespace

QString StreamRecorder::formatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"mkv")
        return QStringLiteral("matroska");
    if (suffix == u"mp4")
        return QStringLiteral("mp4");
    return {};
}

StreamRecorder::StreamRecorder(const QString &path, const AVCodecContext *video,
                               const AVCodecContext *audio)
    : m_path(path)
{
    const QString muxer = formatFor(path);
    if (muxer.isEmpty())
        throw MediaError(
            MediaError::Kind::Encoder,
            QStringLiteral("cannot record to %1: the name must end in .mkv or .mp4").arg(path));
    const QByteArray file = QFile::encodeName(path);
    int result = avformat_alloc_output_context2(&m_format, nullptr, muxer.toLatin1().constData(),
                                                file.constData());
    if (result < 0)
        throw MediaError(
            MediaError::Kind::Encoder,
            QStringLiteral("cannot record to %1: %2").arg(path, ffmpegErrorText(result)));
    for (const AVCodecContext *codec : {video, audio}) {
        AVStream *stream = avformat_new_stream(m_format, nullptr);
        if (!stream || avcodec_parameters_from_context(stream->codecpar, codec) < 0) {
            avformat_free_context(m_format);
            throw MediaError(
                MediaError::Kind::Encoder,
                QStringLiteral("cannot record to %1: the streams cannot be set up").arg(path));
        }
        stream->time_base = codec->time_base;
    }
    result = avio_open(&m_format->pb, file.constData(), AVIO_FLAG_WRITE);
    if (result < 0) {
        avformat_free_context(m_format);
        throw MediaError(
            MediaError::Kind::Encoder,
            QStringLiteral("cannot record to %1: %2").arg(path, ffmpegErrorText(result)));
    }
    AVDictionary *options = nullptr;
    if (muxer == u"mp4")
        av_dict_set(&options, "movflags", "+frag_keyframe+empty_moov+default_base_moof", 0);
    result = avformat_write_header(m_format, &options);
    av_dict_free(&options);
    if (result < 0) {
        avio_closep(&m_format->pb);
        avformat_free_context(m_format);
        throw MediaError(
            MediaError::Kind::Encoder,
            QStringLiteral("cannot record to %1: %2").arg(path, ffmpegErrorText(result)));
    }
    qCInfo(lcRecorder).noquote() << "recording to" << path;
    m_thread = std::thread([this] { run(); });
}

StreamRecorder::~StreamRecorder()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_wake.notify_all();
    m_thread.join();
    for (Pending &pending : m_pending)
        av_packet_free(&pending.packet);
    const bool failed = m_failed;
    if (!failed) {
        if (const int result = av_write_trailer(m_format); result < 0)
            qCWarning(lcRecorder).noquote()
                << "cannot finish" << m_path << ":" << ffmpegErrorText(result);
    }
    avio_closep(&m_format->pb);
    avformat_free_context(m_format);
    qCInfo(lcRecorder).noquote() << "recorded" << m_bytesWritten.load() << "bytes to" << m_path;
}

QString StreamRecorder::problem() const
{
    std::lock_guard lock(m_mutex);
    return m_problem;
}

void StreamRecorder::fail(const QString &why)
{
    std::lock_guard lock(m_mutex);
    if (m_failed)
        return;
    m_failed = true;
    m_problem = QStringLiteral("the recording to %1 stopped: %2").arg(m_path, why);
    qCWarning(lcRecorder).noquote() << m_problem;
}

void StreamRecorder::queue(const AVPacket *packet, AVRational timeBase, int stream)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_failed || m_closing)
            return;
        if (m_pending.size() >= kMaxPending) {
            m_failed = true;
            m_problem =
                QStringLiteral("the recording to %1 stopped: the disk cannot keep up").arg(m_path);
            qCWarning(lcRecorder).noquote() << m_problem;
            return;
        }
        const bool video = stream == 0;
        if (!m_originUs) {
            // A file starts on a picture that decodes by itself; what comes before is dropped
            // (a recording started while live waits for the keyframe it asked for).
            if (!video || !(packet->flags & AV_PKT_FLAG_KEY))
                return;
            m_originUs = av_rescale_q(packet->dts, timeBase, AV_TIME_BASE_Q);
        }
        const int64_t origin = av_rescale_q(*m_originUs, AV_TIME_BASE_Q, timeBase);
        if (packet->dts < origin)
            return; // sound from before the first picture
        AVPacket *copy = av_packet_clone(packet);
        if (copy) {
            copy->pts -= origin;
            copy->dts -= origin;
        }
        m_pending.push_back({copy, timeBase, stream});
    }
    m_wake.notify_one();
}

void StreamRecorder::run()
{
    for (;;) {
        Pending pending;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_closing || !m_pending.empty(); });
            if (m_pending.empty())
                return; // closing, all written
            pending = m_pending.front();
            m_pending.pop_front();
            if (m_failed) {
                av_packet_free(&pending.packet);
                continue;
            }
        }
        if (!pending.packet) {
            fail(QStringLiteral("out of memory"));
            continue;
        }
        AVStream *stream = m_format->streams[pending.stream];
        pending.packet->stream_index = pending.stream;
        const int size = pending.packet->size;
        const bool video = pending.stream == 0;
        av_packet_rescale_ts(pending.packet, pending.timeBase, stream->time_base);
        const int result = av_interleaved_write_frame(m_format, pending.packet);
        av_packet_free(&pending.packet);
        if (result < 0) {
            fail(ffmpegErrorText(result));
            continue;
        }
        m_bytesWritten += size;
        if (video)
            ++m_videoPackets;
    }
}

} // namespace nova
