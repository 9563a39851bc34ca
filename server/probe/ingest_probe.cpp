#include "server/probe/ingest_probe.h"

#include "shared/capture_timestamp_sei.h"

#include <QDateTime>

extern "C" {
#include <libavformat/avformat.h>
}

#include <chrono>
#include <cstdint>
#include <thread>

namespace nova {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kReconnectPause = std::chrono::milliseconds(1000);
constexpr auto kReadTimeout = std::chrono::seconds(5);

struct Interrupt
{
    const std::atomic<bool> *stopping;
    Clock::time_point deadline;
};

int interrupted(void *opaque)
{
    const auto *interrupt = static_cast<const Interrupt *>(opaque);
    return interrupt->stopping->load() || Clock::now() > interrupt->deadline;
}
} // namespace

IngestProbe::IngestProbe(QString url, QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    qRegisterMetaType<nova::IngestProbe::Reading>();
    m_shared->url = std::move(url);
    m_shared->owner = this;
}

IngestProbe::~IngestProbe()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->owner = nullptr;
        m_shared->stopping = true;
    }
    m_shared->wake.notify_all();
    // The thread sees the flag within its interrupt callback's next poll and ends by itself:
    // joining here would stall the event loop for as long as libavformat takes to notice.
}

void IngestProbe::start()
{
    std::thread([shared = m_shared] { run(shared); }).detach();
}

template<typename Emit>
void IngestProbe::tell(Shared &shared, Emit &&emitOn)
{
    std::lock_guard lock(shared.mutex); // the owner cannot go away while this emits
    if (shared.owner)
        emitOn(shared.owner);
}

bool IngestProbe::pause(Shared &shared, std::chrono::milliseconds duration)
{
    std::unique_lock lock(shared.mutex);
    return !shared.wake.wait_for(lock, duration, [&] { return shared.stopping.load(); });
}

void IngestProbe::run(const std::shared_ptr<Shared> &shared)
{
    while (!shared->stopping) {
        readUntilFailure(*shared);
        if (!pause(*shared, kReconnectPause))
            return;
    }
}

void IngestProbe::readUntilFailure(Shared &shared)
{
    Interrupt interrupt{&shared.stopping, Clock::now() + kReadTimeout};
    AVFormatContext *format = avformat_alloc_context();
    format->interrupt_callback = {&interrupted, &interrupt};
    AVDictionary *options = nullptr;
    av_dict_set(&options, "rtmp_live", "live", 0);
    av_dict_set(&options, "rw_timeout", "5000000", 0);
    const QByteArray url = shared.url.toUtf8();
    const int opened = avformat_open_input(&format, url.constData(), nullptr, &options);
    av_dict_free(&options);
    if (opened < 0)
        return; // avformat_open_input frees the context on failure

    AVPacket *packet = av_packet_alloc();
    qint64 windowBytes = 0;
    int windowFrames = 0;
    double windowLatencyMs = 0;
    int windowLatencies = 0;
    std::int64_t lastKeyframe = AV_NOPTS_VALUE; // in the video stream's time base
    std::optional<double> keyframeInterval;
    auto windowStart = Clock::now();
    while (!shared.stopping) {
        interrupt.deadline = Clock::now() + kReadTimeout;
        if (av_read_frame(format, packet) < 0)
            break;
        windowBytes += packet->size;
        const AVStream *stream = format->streams[packet->stream_index];
        if (stream->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
            ++windowFrames;
            const std::int64_t at = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            if ((packet->flags & AV_PKT_FLAG_KEY) && at != AV_NOPTS_VALUE) {
                if (lastKeyframe != AV_NOPTS_VALUE && at > lastKeyframe)
                    keyframeInterval = double(at - lastKeyframe) * av_q2d(stream->time_base);
                lastKeyframe = at;
            }
            if (stream->codecpar->codec_id == AV_CODEC_ID_H264) {
                // FLV carries H.264 with 4-byte NAL lengths.
                const auto captured = CaptureTimestampSei::find(
                    QByteArrayView(reinterpret_cast<const char *>(packet->data), packet->size),
                    CaptureTimestampSei::Framing::LengthPrefixed);
                if (captured) {
                    const double latencyMs =
                        (QDateTime::currentMSecsSinceEpoch() * 1000.0 - double(*captured)) / 1000.0;
                    if (latencyMs >= 0 && latencyMs < 600'000) {
                        windowLatencyMs += latencyMs;
                        ++windowLatencies;
                        tell(shared, [&](IngestProbe *probe) {
                            emit probe->latencyObserved(latencyMs / 1000.0);
                        });
                    }
                }
            }
        }
        av_packet_unref(packet);

        const auto now = Clock::now();
        if (now - windowStart >= std::chrono::seconds(1)) {
            const double seconds = std::chrono::duration<double>(now - windowStart).count();
            Reading reading;
            reading.bitrateKbps = double(windowBytes) * 8.0 / 1000.0 / seconds;
            reading.fps = windowFrames / seconds;
            if (windowLatencies)
                reading.latencyMs = windowLatencyMs / windowLatencies;
            reading.keyframeIntervalS = keyframeInterval;
            tell(shared, [&](IngestProbe *probe) { emit probe->reading(reading); });
            windowBytes = 0;
            windowFrames = 0;
            windowLatencyMs = 0;
            windowLatencies = 0;
            windowStart = now;
        }
    }
    av_packet_free(&packet);
    avformat_close_input(&format);
}

} // namespace nova
