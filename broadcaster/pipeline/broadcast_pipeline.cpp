#include "broadcaster/pipeline/broadcast_pipeline.h"

#include "broadcaster/encoder/audio_encoder.h"
#include "broadcaster/encoder/video_encoder.h"
#include "broadcaster/publisher/rtmp_publisher.h"
#include "broadcaster/source/synthetic_source.h"

#include <QDateTime>

namespace nova {

namespace {
using Clock = std::chrono::steady_clock;

// Later than this behind its slot, a picture is skipped so the stream stays in real time.
constexpr int kLateFramesBeforeDrop = 2;
} // namespace

BroadcastPipeline::BroadcastPipeline(BroadcastSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    qRegisterMetaType<nova::BroadcastStats>();
    qRegisterMetaType<nova::MediaError::Kind>();
}

BroadcastPipeline::~BroadcastPipeline()
{
    stop();
    if (m_thread.joinable())
        m_thread.join();
}

void BroadcastPipeline::start()
{
    m_thread = std::thread([this] { run(); });
}

void BroadcastPipeline::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested = true;
    }
    m_wake.notify_all();
}

bool BroadcastPipeline::waitUntil(Clock::time_point due)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_until(lock, due, [this] { return m_stopRequested.load(); });
}

void BroadcastPipeline::run()
{
    try {
        RtmpPublisher publisher(m_settings.ingestUrl, m_settings.streamKey, m_stopRequested,
                                m_settings.timeouts);
        loop(publisher);
        emit finished(true, QString(), MediaError::Kind::Lost);
    } catch (const MediaError &error) {
        // A stop can break a blocking call; that is still a clean end.
        emit finished(m_stopRequested.load(), m_stopRequested.load() ? QString() : error.message(),
                      error.kind());
    }
}

void BroadcastPipeline::loop(RtmpPublisher &publisher)
{
    const VideoFormat format = m_settings.video.format;
    SyntheticSource source(format, m_settings.audio);
    VideoEncoder video(m_settings.video);
    AudioEncoder audio(m_settings.audio, m_settings.audioBitrateKbps);

    publisher.open(video.context(), audio.context());
    if (m_stopRequested)
        return;
    emit live();

    const AVRational videoBase = video.context()->time_base;
    const AVRational audioBase = audio.context()->time_base;
    const auto sendVideo = [&](AVPacket *packet) { publisher.writeVideo(packet, videoBase); };
    const auto sendAudio = [&](AVPacket *packet) { publisher.writeAudio(packet, audioBase); };

    const auto frameInterval = std::chrono::nanoseconds(1'000'000'000LL / format.fps);
    const qint64 lastFrame = m_settings.duration.count() > 0
                                 ? m_settings.duration.count() * format.fps
                                 : std::numeric_limits<qint64>::max();
    const Clock::time_point start = Clock::now();

    BroadcastStats stats;
    qint64 audioSamples = 0;
    qint64 windowFrames = 0;
    qint64 windowBytes = publisher.bytesSent();
    Clock::duration windowEncode{};
    Clock::time_point windowStart = start;

    for (qint64 index = 0; index < lastFrame && !m_stopRequested; ++index) {
        const Clock::time_point due = start + index * frameInterval;
        if (!waitUntil(due))
            break;

        if (Clock::now() - due > kLateFramesBeforeDrop * frameInterval) {
            ++stats.droppedFrames;
        } else {
            const Clock::time_point began = Clock::now();
            const QDateTime captured = QDateTime::currentDateTimeUtc();
            source.renderVideo(video.frameForWriting(), index, captured);
            video.encode(index, captured.toMSecsSinceEpoch() * 1000, sendVideo);
            windowEncode += Clock::now() - began;
            ++stats.framesSent;
            ++windowFrames;
        }

        // Audio up to the end of this picture's slot, so the two stay interleaved.
        const qint64 audioDue = (index + 1) * m_settings.audio.sampleRate / format.fps;
        while (audioSamples < audioDue) {
            AVFrame *samples = audio.frameForWriting();
            source.renderAudio(samples, audioSamples);
            audio.encode(audioSamples, sendAudio);
            audioSamples += audio.frameSize();
        }

        const Clock::time_point now = Clock::now();
        if (now - windowStart >= std::chrono::seconds(1)) {
            const double seconds = std::chrono::duration<double>(now - windowStart).count();
            stats.uptimeMs =
                std::chrono::duration_cast<std::chrono::milliseconds>(now - start).count();
            stats.bytesSent = publisher.bytesSent();
            stats.fps = windowFrames / seconds;
            stats.bitrateKbps = (stats.bytesSent - windowBytes) * 8.0 / 1000.0 / seconds;
            stats.encodeMsPerFrame =
                windowFrames ? std::chrono::duration<double, std::milli>(windowEncode).count() /
                                   double(windowFrames)
                             : 0.0;
            emit statsUpdated(stats);
            windowStart = now;
            windowFrames = 0;
            windowBytes = stats.bytesSent;
            windowEncode = {};
        }
    }

    video.flush(sendVideo);
    audio.flush(sendAudio);
    publisher.finish();
}

} // namespace nova
