#include "server/streams/stream_announcer.h"

#include "server/cache/event_bus.h"
#include "server/cache/viewer_counts.h"
#include "server/cache/viewer_presence.h"
#include "server/metrics/metrics.h"
#include "server/streams/stream_service.h"
#include "shared/live_event.h"
#include "shared/rfc3339.h"

namespace nova {

namespace {
QString name(const char *event)
{
    return QString::fromLatin1(event);
}
} // namespace

StreamAnnouncer::StreamAnnouncer(StreamService &streams, EventBus &bus, const ViewerCounts &viewers,
                                 ViewerPresence &presence, Metrics &metrics,
                                 std::chrono::seconds reconnectGrace, QObject *parent)
    : QObject(parent)
    , m_streams(streams)
    , m_bus(bus)
    , m_viewers(viewers)
    , m_presence(presence)
    , m_metrics(metrics)
    , m_reconnectGrace(reconnectGrace)
{
    connect(&m_streams, &StreamService::streamTransitioned, this, &StreamAnnouncer::announce);
}

void StreamAnnouncer::announce(const Stream &stream, StreamEvent event, StreamStatus previous)
{
    const QString now = toRfc3339(QDateTime::currentDateTimeUtc());
    if (event == StreamEvent::Publish && previous == StreamStatus::Pending) {
        m_bus.publish(name(LiveEvent::kStreamStarted), stream.id,
                      {{QStringLiteral("title"), stream.title},
                       {QStringLiteral("started_at"), toRfc3339(stream.startedAt)},
                       {QStringLiteral("hls_url"), stream.hlsUrl.toString()}});
    } else if (event == StreamEvent::Publish && previous == StreamStatus::Reconnecting) {
        m_bus.publish(name(LiveEvent::kStreamResumed), stream.id,
                      {{QStringLiteral("resumed_at"), now},
                       {QStringLiteral("started_at"), toRfc3339(stream.startedAt)}});
    } else if (event == StreamEvent::PublishDone) {
        m_bus.publish(name(LiveEvent::kStreamInterrupted), stream.id,
                      {{QStringLiteral("grace_seconds"), qint64(m_reconnectGrace.count())},
                       {QStringLiteral("interrupted_at"), now}});
    } else if (isTerminal(stream.status)) {
        announceEnd(stream);
    }
}

void StreamAnnouncer::announceEnd(const Stream &stream)
{
    const qint64 duration = stream.durationSeconds(QDateTime::currentDateTimeUtc());
    if (stream.startedAt.isValid())
        m_metrics.observeStreamDuration(double(duration));
    // Read before publishing: with Redis away the event is delivered (and the count forgotten) at
    // once.
    const int seenPeak = std::max(stream.peakViewers, m_viewers.of(stream.id).peak);
    m_bus.publish(name(LiveEvent::kStreamEnded), stream.id,
                  {{QStringLiteral("status"), toString(stream.status)},
                   {QStringLiteral("ended_at"), toRfc3339(stream.endedAt)},
                   {QStringLiteral("duration_seconds"), duration},
                   {QStringLiteral("peak_viewers"), seenPeak}});
    // The stream's peak goes into its record: Redis's, or what this replica saw if higher.
    m_presence.peak(stream.id).then(this, [this, id = stream.id, seenPeak](QFuture<int> peak) {
        int highest = seenPeak;
        try {
            highest = std::max(highest, peak.result());
        } catch (const std::exception &) {
        }
        if (highest > 0)
            m_streams.recordPeak(id, highest);
    });
}

} // namespace nova
