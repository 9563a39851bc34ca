#include "ladder/pipeline/picture_decoder.h"

#include "shared/ffmpeg/ffmpeg_error.h"

#include <algorithm>

namespace nova {

namespace {
// Pictures a decoder may hold back for reordering, and then some: capture times older are gone.
constexpr std::size_t kMaxPendingCaptures = 64;
} // namespace

PictureDecoder::PictureDecoder(const AVCodecParameters *video, AVRational timeBase, Deliver deliver)
    : m_video(video)
    , m_timeBase(timeBase)
    , m_deliver(std::move(deliver))
    , m_lag(timeBase)
{}

PictureDecoder::~PictureDecoder()
{
    stop(false);
    avcodec_free_context(&m_decoder);
}

bool PictureDecoder::start(QString *error)
{
    const AVCodec *codec = avcodec_find_decoder(m_video->codec_id);
    if (!codec) {
        *error = QStringLiteral("no decoder for the source's pictures");
        return false;
    }
    m_decoder = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(m_decoder, m_video);
    m_decoder->pkt_timebase = m_timeBase;
    m_decoder->thread_count = 0;
    if (const int code = avcodec_open2(m_decoder, codec, nullptr); code < 0) {
        *error = QStringLiteral("cannot open the source's decoder: ") + ffmpegErrorText(code);
        return false;
    }
    m_thread = std::thread([this] { run(); });
    return true;
}

void PictureDecoder::push(MediaItem item)
{
    if (!item.audio && item.packet && item.packet->pts != AV_NOPTS_VALUE)
        m_lag.given(item.packet->pts);
    m_queue.push(std::move(item));
}

void PictureDecoder::stop(bool drain)
{
    m_queue.close(!drain);
    if (m_thread.joinable())
        m_thread.join();
}

QString PictureDecoder::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_failure;
}

void PictureDecoder::run()
{
    QString error;
    bool ok = true;
    while (std::optional<MediaItem> item = m_queue.pop()) {
        if (item->audio) {
            m_deliver(std::move(*item));
        } else if (ok && !decode(item->packet.get(), item->capturedAtMs, &error)) {
            ok = false;
        }
    }
    if (ok)
        ok = decode(nullptr, std::nullopt, &error);
    if (!ok) {
        std::lock_guard lock(m_mutex);
        m_failure = error;
    }
}

bool PictureDecoder::decode(AVPacket *packet, std::optional<std::int64_t> capturedAtMs,
                            QString *error)
{
    if (packet && capturedAtMs && packet->pts != AV_NOPTS_VALUE) {
        m_captures.emplace_back(packet->pts, *capturedAtMs);
        if (m_captures.size() > kMaxPendingCaptures)
            m_captures.erase(m_captures.begin());
    }
    int code = avcodec_send_packet(m_decoder, packet);
    if (code < 0 && code != AVERROR_EOF && code != AVERROR_INVALIDDATA) {
        *error =
            QStringLiteral("the source's pictures cannot be decoded: ") + ffmpegErrorText(code);
        return false;
    }
    for (;;) {
        AvFramePtr frame(av_frame_alloc());
        code = avcodec_receive_frame(m_decoder, frame.get());
        if (code == AVERROR(EAGAIN) || code == AVERROR_EOF)
            return true;
        if (code < 0) {
            *error =
                QStringLiteral("the source's pictures cannot be decoded: ") + ffmpegErrorText(code);
            return false;
        }
        const std::int64_t pts = frame->best_effort_timestamp;
        MediaItem item;
        const auto capture = std::find_if(m_captures.begin(), m_captures.end(),
                                          [pts](const auto &entry) { return entry.first == pts; });
        if (capture != m_captures.end()) {
            item.capturedAtMs = capture->second;
            m_captures.erase(m_captures.begin(), capture + 1);
        }
        frame->pts = pts;
        item.frame = std::move(frame);
        m_deliver(std::move(item));
        if (pts != AV_NOPTS_VALUE)
            m_lag.finished(pts);
    }
}

} // namespace nova
