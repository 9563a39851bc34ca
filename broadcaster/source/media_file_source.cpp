#include "broadcaster/source/media_file_source.h"

#include "shared/ffmpeg/av_handles.h"
#include "shared/ffmpeg/ffmpeg_error.h"

#include <QLoggingCategory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <memory>
#include <vector>

namespace nova {

Q_LOGGING_CATEGORY(lcMediaFile, "nova.broadcaster.file")

namespace {
using Clock = std::chrono::steady_clock;

struct FormatClose
{
    void operator()(AVFormatContext *context) const { avformat_close_input(&context); }
};
struct ResamplerFree
{
    void operator()(SwrContext *context) const { swr_free(&context); }
};
// A decoder for stream `index`, or null (with `why`) when there is none for its codec.
AvCodecContextPtr openDecoder(const AVFormatContext &format, int index, QString *why)
{
    if (index < 0)
        return nullptr;
    const AVCodecParameters *parameters = format.streams[index]->codecpar;
    const AVCodec *codec = avcodec_find_decoder(parameters->codec_id);
    if (!codec) {
        *why = QStringLiteral("this FFmpeg cannot decode its %1")
                   .arg(QString::fromLatin1(avcodec_get_name(parameters->codec_id)));
        return nullptr;
    }
    AvCodecContextPtr context(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(context.get(), parameters);
    context->thread_count = 2; // beside the encoder, on a machine of a few cores
    if (const int opened = avcodec_open2(context.get(), codec, nullptr); opened < 0) {
        *why = ffmpegErrorText(opened);
        return nullptr;
    }
    return context;
}
} // namespace

// One pass after another over the file, on the decoding thread: every frame waits until it is due
// by its own timestamp (plus the length of the passes before), then goes to the pipeline.
class MediaFileSource::Playback
{
public:
    Playback(MediaFileSource &owner, AVFormatContext &format, AVCodecContext *video, int videoIndex,
             AVCodecContext *audio, int audioIndex, SwrContext *resampler)
        : m_owner(owner)
        , m_format(format)
        , m_video(video)
        , m_videoIndex(videoIndex)
        , m_audio(audio)
        , m_audioIndex(audioIndex)
        , m_resampler(resampler)
        , m_firstTimestamp(format.start_time == AV_NOPTS_VALUE ? 0 : format.start_time)
        , m_origin(double(m_firstTimestamp) / AV_TIME_BASE)
        , m_start(Clock::now())
    {
        if (video && format.streams[videoIndex]->avg_frame_rate.num > 0)
            m_frameSeconds = av_q2d(av_inv_q(format.streams[videoIndex]->avg_frame_rate));
    }

    // Plays until stopped (false) or until the file fails (true, with the owner's problem set).
    bool play()
    {
        AvPacketPtr packet(av_packet_alloc());
        while (!m_owner.m_stop) {
            const int read = av_read_frame(&m_format, packet.get());
            if (read == AVERROR_EOF || (read < 0 && m_format.pb && avio_feof(m_format.pb))) {
                if (!drain())
                    return false;
                if (m_passEnd <= 0) {
                    m_owner.setProblem(
                        QStringLiteral("Cannot play the file: it holds nothing to play"));
                    return true;
                }
                // Again from the start, timestamps going on from where this pass ended.
                m_offset += m_passEnd;
                m_passEnd = 0;
                if (const int sought =
                        av_seek_frame(&m_format, -1, m_firstTimestamp, AVSEEK_FLAG_BACKWARD);
                    sought < 0) {
                    m_owner.setProblem(
                        QStringLiteral("Cannot play the file again from its start: %1")
                            .arg(ffmpegErrorText(sought)));
                    return true;
                }
                continue;
            }
            if (read < 0) {
                m_owner.setProblem(
                    QStringLiteral("Cannot play the file: %1").arg(ffmpegErrorText(read)));
                return true;
            }
            AVCodecContext *codec = packet->stream_index == m_videoIndex   ? m_video
                                    : packet->stream_index == m_audioIndex ? m_audio
                                                                           : nullptr;
            if (codec) {
                avcodec_send_packet(codec, packet.get()); // a broken packet is skipped
                av_packet_unref(packet.get());
                if (!deliver(codec))
                    return false;
            } else {
                av_packet_unref(packet.get());
            }
        }
        return false;
    }

private:
    // What the decoders still hold at the end of a pass; false when stopped.
    bool drain()
    {
        for (AVCodecContext *codec : {m_video, m_audio}) {
            if (!codec)
                continue;
            avcodec_send_packet(codec, nullptr);
            if (!deliver(codec))
                return false;
            avcodec_flush_buffers(codec);
        }
        return true;
    }

    bool deliver(AVCodecContext *codec)
    {
        const bool isVideo = codec == m_video;
        const int index = isVideo ? m_videoIndex : m_audioIndex;
        const AVRational timeBase = m_format.streams[index]->time_base;
        double &last = isVideo ? m_lastVideo : m_lastAudio;
        while (avcodec_receive_frame(codec, m_frame.get()) >= 0) {
            const int64_t stamp = m_frame->best_effort_timestamp;
            const double length =
                isVideo ? m_frameSeconds : double(m_frame->nb_samples) / m_frame->sample_rate;
            const double at = stamp == AV_NOPTS_VALUE ? last + length
                                                      : double(stamp) * av_q2d(timeBase) - m_origin;
            last = at;
            m_passEnd = std::max(m_passEnd, at + length);
            const Clock::time_point due =
                m_start + std::chrono::duration_cast<Clock::duration>(
                              std::chrono::duration<double>(m_offset + at));
            if (!m_owner.waitUntil(due))
                return false;
            if (isVideo)
                m_owner.queuePicture(m_frame.get(), due + std::chrono::milliseconds(kSoundDelayMs));
            else
                resampleAndPush();
            av_frame_unref(m_frame.get());
        }
        return true;
    }

    void resampleAndPush()
    {
        const int channels = m_owner.m_audio.channels;
        const int room = swr_get_out_samples(m_resampler, m_frame->nb_samples);
        if (room <= 0)
            return;
        m_samples.resize(std::size_t(room) * std::size_t(channels));
        uint8_t *out[] = {reinterpret_cast<uint8_t *>(m_samples.data())};
        const int converted =
            swr_convert(m_resampler, out, room,
                        const_cast<const uint8_t **>(m_frame->extended_data), m_frame->nb_samples);
        if (converted > 0)
            m_owner.m_sound.push(m_samples.data(), std::size_t(converted) * std::size_t(channels));
    }

    MediaFileSource &m_owner;
    AVFormatContext &m_format;
    AVCodecContext *m_video;
    int m_videoIndex;
    AVCodecContext *m_audio;
    int m_audioIndex;
    SwrContext *m_resampler;
    int64_t m_firstTimestamp;  // the file's, in AV_TIME_BASE: where each pass starts
    double m_origin;           // the same, in seconds
    Clock::time_point m_start; // when the first pass began
    double m_offset = 0;       // the length of the passes before this one, in seconds
    double m_passEnd = 0;      // where this pass has got to
    double m_frameSeconds = 1.0 / 30;
    double m_lastVideo = 0;
    double m_lastAudio = 0;
    AvFramePtr m_frame{av_frame_alloc()};
    std::vector<float> m_samples;
};

MediaFileSource::MediaFileSource(QString path, VideoFormat video, AudioFormat audio)
    : m_path(std::move(path))
    , m_video(video)
    , m_audio(audio)
    , m_sound(audio, kSoundDelayMs, 4 * kSoundDelayMs)
{
    m_thread = std::thread([this] { run(); });
}

MediaFileSource::~MediaFileSource()
{
    m_stop = true;
    m_wake.notify_all();
    m_thread.join();
    for (auto &pending : m_pending)
        av_frame_free(&pending.picture);
    av_frame_free(&m_newest);
}

void MediaFileSource::run()
{
    AVFormatContext *opened = avformat_alloc_context();
    opened->interrupt_callback = {
        [](void *self) { return static_cast<MediaFileSource *>(self)->m_stop.load() ? 1 : 0; },
        this};
    if (const int status =
            avformat_open_input(&opened, m_path.toUtf8().constData(), nullptr, nullptr);
        status < 0) // it freed the context
        return setProblem(QStringLiteral("Cannot play the file: %1").arg(ffmpegErrorText(status)));
    std::unique_ptr<AVFormatContext, FormatClose> format(opened);
    if (const int status = avformat_find_stream_info(format.get(), nullptr); status < 0)
        return setProblem(QStringLiteral("Cannot play the file: %1").arg(ffmpegErrorText(status)));

    const int videoIndex =
        av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    const int audioIndex =
        av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    QString why = QStringLiteral("it has neither picture nor sound");
    AvCodecContextPtr video = openDecoder(*format, videoIndex, &why);
    AvCodecContextPtr audio = openDecoder(*format, audioIndex, &why);
    if (!video && !audio)
        return setProblem(QStringLiteral("Cannot play the file: %1").arg(why));

    std::unique_ptr<SwrContext, ResamplerFree> resampler;
    if (audio) {
        AVChannelLayout layout{};
        av_channel_layout_default(&layout, m_audio.channels);
        SwrContext *made = nullptr;
        if (swr_alloc_set_opts2(&made, &layout, AV_SAMPLE_FMT_FLT, m_audio.sampleRate,
                                &audio->ch_layout, audio->sample_fmt, audio->sample_rate, 0,
                                nullptr) < 0 ||
            swr_init(made) < 0) {
            swr_free(&made);
            audio.reset(); // the picture alone, then
        } else {
            resampler.reset(made);
        }
        av_channel_layout_uninit(&layout);
    }

    qCInfo(lcMediaFile).noquote() << "playing" << m_path << (video ? "picture" : "")
                                  << (audio ? "sound" : "");
    Playback playback(*this, *format, video.get(), video ? videoIndex : -1, audio.get(),
                      audio ? audioIndex : -1, resampler.get());
    playback.play();
}

void MediaFileSource::setProblem(const QString &problem)
{
    {
        std::lock_guard lock(m_mutex);
        qCWarning(lcMediaFile).noquote() << problem;
        m_problem = problem;
    }
    m_wake.notify_all();
}

bool MediaFileSource::waitUntil(std::chrono::steady_clock::time_point due)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_until(lock, due, [this] { return m_stop.load(); });
}

void MediaFileSource::queuePicture(const AVFrame *picture,
                                   std::chrono::steady_clock::time_point showAt)
{
    AVFrame *copy = av_frame_clone(picture);
    if (!copy)
        return;
    {
        std::lock_guard lock(m_mutex);
        promoteDue(); // what is past due goes now, not while nobody draws (before going live)
        m_pending.push_back({showAt, copy});
    }
    m_wake.notify_all();
}

void MediaFileSource::promoteDue() const
{
    const auto now = std::chrono::steady_clock::now();
    while (!m_pending.empty() && m_pending.front().showAt <= now) {
        av_frame_free(&m_newest);
        m_newest = m_pending.front().picture;
        m_pending.pop_front();
    }
}

void MediaFileSource::renderVideo(AVFrame *frame, qint64, const QDateTime &)
{
    {
        std::lock_guard lock(m_mutex);
        promoteDue();
        av_frame_free(&m_drawing);
        if (m_newest)
            m_drawing = av_frame_clone(m_newest); // a reference: the data is shared, not copied
    }
    FrameScaler::fillBlack(frame);
    if (m_drawing)
        m_scaler.drawFitted(m_drawing->data, m_drawing->linesize, m_drawing->width,
                            m_drawing->height, AVPixelFormat(m_drawing->format), frame);
}

void MediaFileSource::renderAudio(AVFrame *frame, qint64)
{
    m_sound.fill(frame);
}

QString MediaFileSource::problem() const
{
    std::lock_guard lock(m_mutex);
    return m_problem;
}

bool MediaFileSource::hasPicture() const
{
    std::lock_guard lock(m_mutex);
    promoteDue();
    return m_newest != nullptr;
}

void MediaFileSource::waitUntilReady(int limitMs)
{
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(limitMs), [this] {
        return m_newest || !m_pending.empty() || !m_problem.isEmpty() || m_stop;
    });
}

} // namespace nova
