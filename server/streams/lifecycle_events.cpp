#include "server/streams/lifecycle_events.h"

#include "shared/live_event.h"
#include "shared/rfc3339.h"

namespace nova {

LifecycleEvents::LifecycleEvents(PlaybackUrls urls, std::chrono::seconds reconnectGrace)
    : m_urls(std::move(urls))
    , m_reconnectGrace(reconnectGrace)
{}

Publication LifecycleEvents::describe(const OutboxEntry &entry, int seenPeak) const
{
    const Stream &stream = entry.stream;
    Publication event{entry.event, stream.id, {}, entry.occurredAt, entry.id};
    QJsonObject &fields = event.fields;
    if (entry.event == QLatin1StringView(LiveEvent::kStreamStarted)) {
        fields.insert(QStringLiteral("title"), stream.title);
        fields.insert(QStringLiteral("started_at"), toRfc3339(stream.startedAt));
        fields.insert(QStringLiteral("hls_url"), m_urls.hlsUrl(stream.id).toString());
    } else if (entry.event == QLatin1StringView(LiveEvent::kStreamPlayable)) {
        fields.insert(QStringLiteral("playable_at"), toRfc3339(entry.occurredAt));
        fields.insert(QStringLiteral("hls_url"), m_urls.hlsUrl(stream.id).toString());
        fields.insert(QStringLiteral("watch_url"), m_urls.watchUrl(stream.id).toString());
    } else if (entry.event == QLatin1StringView(LiveEvent::kStreamInterrupted)) {
        fields.insert(QStringLiteral("grace_seconds"), qint64(m_reconnectGrace.count()));
        fields.insert(QStringLiteral("interrupted_at"), toRfc3339(entry.occurredAt));
    } else if (entry.event == QLatin1StringView(LiveEvent::kStreamResumed)) {
        fields.insert(QStringLiteral("resumed_at"), toRfc3339(entry.occurredAt));
        fields.insert(QStringLiteral("started_at"), toRfc3339(stream.startedAt));
    } else if (entry.event == QLatin1StringView(LiveEvent::kStreamEnded)) {
        fields.insert(QStringLiteral("status"), toString(stream.status));
        fields.insert(QStringLiteral("ended_at"), toRfc3339(stream.endedAt));
        fields.insert(QStringLiteral("duration_seconds"), stream.durationSeconds(entry.occurredAt));
        fields.insert(QStringLiteral("peak_viewers"), std::max(stream.peakViewers, seenPeak));
    }
    return event;
}

} // namespace nova
