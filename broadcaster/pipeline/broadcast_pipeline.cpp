#include "broadcaster/pipeline/broadcast_pipeline.h"

#include "broadcaster/encoder/audio_encoder.h"
#include "broadcaster/encoder/video_encoder.h"
#include "broadcaster/mixer/audio_mixer.h"
#include "broadcaster/pipeline/bitrate_controller.h"
#include "broadcaster/pipeline/preview_decoder.h"
#include "broadcaster/pipeline/process_cpu_clock.h"
#include "broadcaster/publisher/reconnect_schedule.h"
#include "broadcaster/publisher/rtmp_publisher.h"
#include "broadcaster/recorder/stream_recorder.h"
#include "broadcaster/source/synthetic_source.h"
#include "shared/capture_timestamp_sei.h"

#include <QDateTime>
#include <QLoggingCategory>

namespace nova {

Q_LOGGING_CATEGORY(lcPipeline, "nova.broadcaster.pipeline")

namespace {
using Clock = std::chrono::steady_clock;

// Later than this behind its slot, a picture is skipped so the stream stays in real time.
constexpr int kLateFramesBeforeDrop = 2;
// The preview shows every other picture: smooth enough, and half the work for the GUI.
constexpr int kPreviewEvery = 2;
constexpr AVRational kMilliseconds{1, 1000};
constexpr int kReadyWithin = 3000; // ms

bool worthReconnecting(MediaError::Kind kind)
{
    // A refusal is final (a wrong key, or an ended stream), and so is a broken encoder.
    return kind == MediaError::Kind::Lost || kind == MediaError::Kind::TimedOut ||
           kind == MediaError::Kind::Unreachable;
}

// With the bitrate lowered for a slow network, the queue needs a while to drain what piled up
// before: pictures are dropped only past twice the usual wait, when lowering was not enough.
SendQueue::Limits queueLimits(const BroadcastSettings &settings)
{
    SendQueue::Limits limits = settings.queue;
    if (settings.dynamicBitrate)
        limits.congested = std::min(2 * limits.congested, limits.overflow / 2);
    return limits;
}
} // namespace

BroadcastPipeline::BroadcastPipeline(BroadcastSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_queue(queueLimits(m_settings))
{
    qRegisterMetaType<nova::BroadcastStats>();
    qRegisterMetaType<nova::MediaError::Kind>();
    qRegisterMetaType<nova::BroadcastState>();
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
    m_queue.close();
    m_wake.notify_all();
}

void BroadcastPipeline::fail(const MediaError &error)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = error;
        m_failed = true;
    }
    m_queue.close();
    m_wake.notify_all();
}

bool BroadcastPipeline::waitUntil(Clock::time_point due)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_until(lock, due, [this] { return ending(); });
}

void BroadcastPipeline::run()
{
    try {
        std::shared_ptr<MediaSource> source = m_settings.source;
        if (!source)
            source = std::make_shared<SyntheticSource>(m_settings.video.format, m_settings.audio);
        // A screen or a sound server that is there answers within a moment; one that is not must
        // not hold the broadcast back (problem() tells).
        source->waitUntilReady(kReadyWithin);
        VideoEncoder video(m_settings.video);
        AudioEncoder audio(m_settings.audio, m_settings.audioBitrateKbps);
        std::thread sender([&] { sendLoop(video, audio); });
        try {
            encodeLoop(*source, video, audio);
        } catch (const MediaError &error) {
            fail(error);
        }
        m_inputEnded = true;
        m_queue.close();
        m_wake.notify_all();
        sender.join();
    } catch (const MediaError &error) {
        fail(error);
    }
    m_state = BroadcastState::Stopped;
    std::optional<MediaError> error;
    {
        std::lock_guard lock(m_mutex);
        error = m_error;
    }
    // A stop can break a blocking call; that is still a clean end.
    if (!error || m_stopRequested)
        emit finished(true, QString(), MediaError::Kind::Lost);
    else
        emit finished(false, error->message(), error->kind());
}

QString BroadcastPipeline::ingestUrl() const
{
    std::lock_guard lock(m_mutex);
    return m_ingestUrl.isEmpty() ? m_settings.ingestUrl : m_ingestUrl;
}

void BroadcastPipeline::startRecording(const QString &path)
{
    if (path.isEmpty())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_recordingRequest = path;
    }
    m_recordingRequested = true;
}

void BroadcastPipeline::stopRecording()
{
    {
        std::lock_guard lock(m_mutex);
        m_recordingRequest = QString();
    }
    m_recordingRequested = true;
}

void BroadcastPipeline::sendLoop(const VideoEncoder &video, const AudioEncoder &audio)
{
    ReconnectSchedule schedule(m_settings.reconnectPolicy);
    const QStringList urls = QStringList{m_settings.ingestUrl} + m_settings.fallbackIngestUrls;
    qsizetype attempt = 0; // urls[attempt % size] is tried next
    bool wasLive = false;
    while (!m_stopRequested && !m_failed) {
        const QString url = urls.at(attempt % urls.size());
        {
            std::lock_guard lock(m_mutex);
            m_ingestUrl = url;
        }
        try {
            RtmpPublisher publisher(url, m_settings.streamKey, m_stopRequested,
                                    m_settings.timeouts);
            publisher.open(video.context(), audio.context());
            if (m_stopRequested)
                return;
            // The new connection starts with a keyframe, so players can decode at once.
            m_queue.connected();
            m_keyframeNeeded = true;
            m_state = BroadcastState::Live;
            if (wasLive)
                ++m_reconnects;
            else
                m_liveSinceNs = Clock::now().time_since_epoch().count();
            wasLive = true;
            schedule.reset();
            emit live();
            sendUntilDone(publisher);
            publisher.finish();
            return;
        } catch (const MediaError &error) {
            m_queue.disconnected();
            if (m_stopRequested || m_inputEnded)
                return;
            if (wasLive && error.kind() == MediaError::Kind::Refused) {
                // The key worked a moment ago: the server has ended the stream since.
                fail(MediaError(
                    MediaError::Kind::Ended,
                    QStringLiteral("%1 no longer accepts this stream: it has ended").arg(url)));
                return;
            }
            ++attempt; // the next node, if there are several
            // Never live yet and a node that cannot be reached: the next one, at once.
            if (!wasLive && attempt < urls.size() && worthReconnecting(error.kind())) {
                qCInfo(lcPipeline).noquote() << url << "cannot be reached (" << error.message()
                                             << "); trying" << urls.at(attempt);
                continue;
            }
            if (!m_settings.reconnect || !wasLive || !worthReconnecting(error.kind())) {
                fail(error);
                return;
            }
            const auto delay = schedule.next();
            m_state = BroadcastState::Reconnecting;
            emit reconnecting(schedule.attempts(), delay.count(), error.message(), error.kind());
            if (!waitUntil(Clock::now() + delay))
                return;
            m_state = BroadcastState::Connecting;
        }
    }
}

void BroadcastPipeline::noteCaptureToSend(qint64 micros)
{
    qint64 longest = m_captureToSendMaxUs.load();
    while (micros > longest && !m_captureToSendMaxUs.compare_exchange_weak(longest, micros)) {
    }
}

void BroadcastPipeline::sendUntilDone(RtmpPublisher &publisher)
{
    // Each connection's timestamps start at zero, as a fresh publisher's would.
    std::optional<qint64> originMs;
    const qint64 bytesBefore = m_bytesSent;
    for (;;) {
        std::optional<SendQueue::Entry> entry = m_queue.pop(Clock::now() + std::chrono::seconds(1));
        if (m_queue.overflowed())
            throw MediaError(MediaError::Kind::TimedOut,
                             QStringLiteral("the network cannot keep up with the stream"));
        if (!entry) {
            if (m_stopRequested || m_inputEnded || m_failed)
                return;
            continue;
        }
        AVPacket *packet = entry->packet.get();
        if (!originMs)
            originMs = packet->dts;
        packet->pts -= *originMs;
        packet->dts -= *originMs;
        if (packet->dts < 0)
            continue; // sound from before the connection's first picture
        if (entry->kind == SendQueue::Kind::Video) {
            // The capture time the picture carries (keyframes and one a second), read before
            // the muxer reframes it, against the same clock once it has gone out.
            const auto captured = CaptureTimestampSei::find(
                QByteArrayView(packet->data, packet->size), CaptureTimestampSei::Framing::AnnexB);
            publisher.writeVideo(packet, kMilliseconds);
            if (captured)
                noteCaptureToSend(QDateTime::currentMSecsSinceEpoch() * 1000 - *captured);
        } else {
            publisher.writeAudio(packet, kMilliseconds);
        }
        m_bytesSent = bytesBefore + publisher.bytesSent();
    }
}

void BroadcastPipeline::encodeLoop(MediaSource &source, VideoEncoder &video, AudioEncoder &audio)
{
    const VideoFormat format = m_settings.video.format;
    std::optional<PreviewDecoder> preview;
    if (m_settings.preview)
        preview.emplace();
    // Before the first picture: a file that cannot be made stops the broadcast before it starts.
    std::optional<StreamRecorder> recorder;
    qint64 framesBeforeRecording = 0;
    if (!m_settings.recordPath.isEmpty())
        recorder.emplace(m_settings.recordPath, video.context(), audio.context());

    const AVRational videoBase = video.context()->time_base;
    const AVRational audioBase = audio.context()->time_base;
    qint64 previewCount = 0;
    const auto sendVideo = [&](AVPacket *packet) {
        m_queue.push(packet, videoBase, SendQueue::Kind::Video);
        if (recorder)
            recorder->writeVideo(packet, videoBase);
        if (preview) {
            const QImage picture = preview->decode(packet, video.context());
            if (!picture.isNull() && previewCount++ % kPreviewEvery == 0)
                emit previewFrame(picture);
        }
    };
    const auto sendAudio = [&](AVPacket *packet) {
        m_queue.push(packet, audioBase, SendQueue::Kind::Audio);
        if (recorder)
            recorder->writeAudio(packet, audioBase);
    };

    const auto frameInterval = std::chrono::nanoseconds(1'000'000'000LL / format.fps);
    const qint64 lastFrame = m_settings.duration.count() > 0
                                 ? m_settings.duration.count() * format.fps
                                 : std::numeric_limits<qint64>::max();
    const Clock::time_point start = Clock::now();
    ProcessCpuClock cpu;

    BroadcastStats stats;
    stats.targetFps = format.fps;
    BitrateController bitrate(m_settings.video.bitrateKbps, m_settings.audioBitrateKbps);
    qint64 audioSamples = 0;
    qint64 windowFrames = 0;
    qint64 windowBytes = 0;
    Clock::duration windowEncode{};
    Clock::time_point windowStart = start;

    for (qint64 index = 0; index < lastFrame && !ending(); ++index) {
        const Clock::time_point due = start + index * frameInterval;
        if (!waitUntil(due))
            break;

        if (const int kbps = m_requestedBitrate.exchange(0); kbps > 0) {
            bitrate.choose(kbps);
            video.setBitrate(kbps);
        }
        if (m_settings.dynamicBitrate && m_state == BroadcastState::Live) {
            if (const auto change = bitrate.update(Clock::now(), m_queue.queuedMs(), m_bytesSent)) {
                qCInfo(lcPipeline).noquote()
                    << "video bitrate" << change->kbps << "kb/s:" << change->reason;
                video.setBitrate(change->kbps);
            }
        }
        if (m_recordingRequested.exchange(false)) {
            std::optional<QString> request;
            {
                std::lock_guard lock(m_mutex);
                request.swap(m_recordingRequest);
            }
            if (request && request->isEmpty() && recorder) {
                const QString path = recorder->path();
                recorder.reset();
                emit recordingFinished(path, stats.framesSent - framesBeforeRecording);
            } else if (request && !request->isEmpty()) {
                if (recorder) {
                    emit recordingFailed(
                        *request, QStringLiteral("already recording to %1").arg(recorder->path()));
                } else {
                    try {
                        recorder.emplace(*request, video.context(), audio.context());
                        framesBeforeRecording = stats.framesSent;
                        m_keyframeNeeded = true; // the file starts on one
                        emit recordingStarted(*request);
                    } catch (const MediaError &error) {
                        emit recordingFailed(*request, error.message());
                    }
                }
            }
        }
        if (m_keyframeNeeded.exchange(false))
            video.requestKeyframe();

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
            stats.state = m_state;
            const qint64 liveSince = m_liveSinceNs;
            stats.uptimeMs = liveSince < 0
                                 ? 0
                                 : std::chrono::duration_cast<std::chrono::milliseconds>(
                                       now - Clock::time_point(Clock::duration(liveSince)))
                                       .count();
            stats.bytesSent = m_bytesSent;
            stats.networkDroppedFrames = m_queue.droppedVideoFrames();
            stats.reconnects = m_reconnects;
            stats.fps = windowFrames / seconds;
            stats.bitrateKbps = (stats.bytesSent - windowBytes) * 8.0 / 1000.0 / seconds;
            stats.encodeMsPerFrame =
                windowFrames ? std::chrono::duration<double, std::milli>(windowEncode).count() /
                                   double(windowFrames)
                             : 0.0;
            stats.cpuPercent = cpu.percentSinceLast();
            stats.sourceProblem = source.problem();
            const qint64 latencyUs = m_captureToSendMaxUs.exchange(-1);
            stats.captureToSendMs = latencyUs < 0 ? -1.0 : double(latencyUs) / 1000.0;
            stats.targetBitrateKbps = bitrate.targetKbps();
            stats.bitrateReason = bitrate.reason();
            if (m_settings.mixer)
                stats.audio = m_settings.mixer->strips();
            if (recorder) {
                stats.recordingPath = recorder->path();
                stats.recordedBytes = recorder->bytesWritten();
                stats.recordedVideoPackets = recorder->videoPackets();
                stats.recordingProblem = recorder->problem();
            } else {
                stats.recordingPath.clear();
                stats.recordingProblem.clear();
            }
            emit statsUpdated(stats);
            windowStart = now;
            windowFrames = 0;
            windowBytes = stats.bytesSent;
            windowEncode = {};
        }
    }

    video.flush(sendVideo);
    audio.flush(sendAudio);
    if (recorder) {
        // The whole file, once it is finished: what a script compares with what was sent.
        stats.recordingPath = recorder->path();
        recorder.reset();
        emit recordingFinished(stats.recordingPath, stats.framesSent - framesBeforeRecording);
    }
}

} // namespace nova
