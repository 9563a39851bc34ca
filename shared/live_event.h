#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace nova {

// One live event as the WebSocket hub sends it:
//   {"event": NAME, "data": {"stream_id", "timestamp", "seq", ...fields of NAME}}
// `seq` grows by one per event of the same stream, on every replica alike.
struct LiveEvent
{
    // The names DESIGN.md fixes, and the hub's own notices.
    static constexpr const char *kStreamStarted = "stream_started";
    static constexpr const char *kStreamInterrupted = "stream_interrupted";
    static constexpr const char *kStreamResumed = "stream_resumed";
    static constexpr const char *kStreamEnded = "stream_ended";
    // The HLS can be played: the master playlist and a first segment of every rendition exist.
    static constexpr const char *kStreamPlayable = "stream_playable";
    static constexpr const char *kViewerCountChanged = "viewer_count_changed";
    static constexpr const char *kStreamMetrics = "stream_metrics";

    QString name;
    QUuid streamId;
    qint64 seq = 0;
    QDateTime timestamp;
    QJsonObject data; // everything under "data", stream_id/timestamp/seq included

    // nullopt unless `json` is an event with a stream id, a timestamp and a seq.
    static std::optional<LiveEvent> parse(QByteArrayView json);
};

} // namespace nova
