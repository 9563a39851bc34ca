#include "shared/stream_json.h"

#include "shared/json_values.h"
#include "shared/rfc3339.h"

#include <QJsonArray>

namespace nova {

// ServedStreamBodies (server/streams/) reuses this body while every field shown here is unchanged:
// a field added here must be compared there too.
QJsonObject toJson(const Stream &stream, const QDateTime &now)
{
    return {
        {QStringLiteral("id"), idText(stream.id)},
        {QStringLiteral("title"), stream.title},
        {QStringLiteral("status"), toString(stream.status)},
        {QStringLiteral("owner"), idText(stream.owner)},
        {QStringLiteral("viewer_count"), stream.viewerCount},
        {QStringLiteral("peak_viewers"), stream.peakViewers},
        {QStringLiteral("created_at"), timestampOrNull(stream.createdAt)},
        {QStringLiteral("started_at"), timestampOrNull(stream.startedAt)},
        {QStringLiteral("ended_at"), timestampOrNull(stream.endedAt)},
        {QStringLiteral("duration_seconds"), stream.durationSeconds(now)},
        {QStringLiteral("hls_url"), stream.hlsUrl.toString()},
        {QStringLiteral("watch_url"), stream.watchUrl.toString()},
        {QStringLiteral("playable"), stream.playable()},
        {QStringLiteral("ingest"), stream.ingest.isEmpty() ? QJsonValue() : stream.ingest},
    };
}

QJsonArray toJson(const QList<QUrl> &urls)
{
    QJsonArray all;
    for (const QUrl &url : urls)
        all.append(url.toString());
    return all;
}

QJsonObject toJson(const CreatedStream &created)
{
    return {
        {QStringLiteral("id"), idText(created.stream.id)},
        {QStringLiteral("title"), created.stream.title},
        {QStringLiteral("status"), toString(created.stream.status)},
        {QStringLiteral("owner"), idText(created.stream.owner)},
        {QStringLiteral("stream_key"), created.streamKey},
        {QStringLiteral("rtmp_url"), created.rtmpUrl.toString()},
        {QStringLiteral("rtmp_urls"), toJson(created.rtmpUrls)},
        {QStringLiteral("hls_url"), created.stream.hlsUrl.toString()},
        {QStringLiteral("watch_url"), created.stream.watchUrl.toString()},
        {QStringLiteral("created_at"), timestampOrNull(created.stream.createdAt)},
    };
}

std::optional<Stream> streamFromJson(const QJsonObject &object)
{
    Stream stream;
    stream.id = QUuid::fromString(object.value(u"id").toString());
    const auto status = parseStreamStatus(object.value(u"status").toString());
    if (stream.id.isNull() || !status)
        return std::nullopt;
    stream.status = *status;
    stream.title = object.value(u"title").toString();
    stream.owner = QUuid::fromString(object.value(u"owner").toString());
    stream.viewerCount = object.value(u"viewer_count").toInt();
    stream.peakViewers = object.value(u"peak_viewers").toInt();
    stream.createdAt = fromRfc3339(object.value(u"created_at").toString());
    stream.startedAt = fromRfc3339(object.value(u"started_at").toString());
    stream.endedAt = fromRfc3339(object.value(u"ended_at").toString());
    stream.hlsUrl = QUrl(object.value(u"hls_url").toString());
    stream.watchUrl = QUrl(object.value(u"watch_url").toString());
    stream.ingest = object.value(u"ingest").toString();
    // The API says whether it is playable, not since when: a client knows it from then on.
    if (object.value(u"playable").toBool())
        stream.playableAt = stream.startedAt.isValid() ? stream.startedAt : stream.createdAt;
    return stream;
}

std::optional<CreatedStream> createdStreamFromJson(const QJsonObject &object)
{
    auto stream = streamFromJson(object);
    const QString key = object.value(u"stream_key").toString();
    const QUrl rtmpUrl(object.value(u"rtmp_url").toString());
    if (!stream || key.isEmpty() || !rtmpUrl.isValid())
        return std::nullopt;
    // Every node to try, the one to use first at the front (a server that names one node only
    // answers no list).
    QList<QUrl> rtmpUrls{rtmpUrl};
    for (const QJsonValue &item : object.value(u"rtmp_urls").toArray()) {
        const QUrl url(item.toString());
        if (url.isValid() && !rtmpUrls.contains(url))
            rtmpUrls.append(url);
    }
    return CreatedStream{*stream, key, rtmpUrl, rtmpUrls};
}

} // namespace nova
