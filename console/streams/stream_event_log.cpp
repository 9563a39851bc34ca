#include "console/streams/stream_event_log.h"

#include "console/format/display_format.h"

namespace nova {

StreamEventLog::StreamEventLog(QObject *parent)
    : QObject(parent)
{}

void StreamEventLog::add(const LiveEvent &event)
{
    QList<LiveEvent> &events = m_events[event.streamId];
    if (events.size() >= kPerStream)
        events.remove(0, events.size() - kPerStream + 1);
    events.append(event);
    emit added(event);
}

QString StreamEventLog::describe(const LiveEvent &event)
{
    const QString time =
        event.timestamp.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    const QJsonObject &data = event.data;
    QString what;
    if (event.name == QLatin1StringView(LiveEvent::kStreamStarted)) {
        what = QStringLiteral("stream started");
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamPlayable)) {
        what = QStringLiteral("playable: viewers can watch");
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamInterrupted)) {
        what = QStringLiteral("publisher lost; waiting %1 s for it to reconnect")
                   .arg(data.value(u"grace_seconds").toInt());
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamResumed)) {
        what = QStringLiteral("publisher back; stream resumed");
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamEnded)) {
        what = QStringLiteral("stream ended");
    } else if (event.name == QLatin1StringView(LiveEvent::kViewerCountChanged)) {
        what = QStringLiteral("viewers %1 (peak %2)")
                   .arg(data.value(u"viewer_count").toInt())
                   .arg(data.value(u"peak_viewers").toInt());
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamMetrics)) {
        what =
            QStringLiteral("%1, %2 fps, ingest latency %3")
                .arg(DisplayFormat::bitrate(data.value(u"bitrate_kbps").toDouble()))
                .arg(data.value(u"fps").toDouble(), 0, 'f', 1)
                .arg(data.value(u"ingest_latency_ms").isDouble()
                         ? DisplayFormat::milliseconds(data.value(u"ingest_latency_ms").toDouble())
                         : QStringLiteral("–"));
    } else {
        what = event.name;
    }
    return QStringLiteral("%1  #%2  %3").arg(time).arg(event.seq).arg(what);
}

} // namespace nova
