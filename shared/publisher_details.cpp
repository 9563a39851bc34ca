#include "shared/publisher_details.h"

#include <cmath>

namespace nova {

namespace {
QJsonValue numberOrNull(const std::optional<double> &value, int decimals)
{
    if (!value)
        return QJsonValue(QJsonValue::Null);
    const double scale = std::pow(10.0, decimals);
    return std::round(*value * scale) / scale;
}

std::optional<double> optionalNumber(const QJsonValue &value)
{
    return value.isDouble() ? std::optional(value.toDouble()) : std::nullopt;
}
} // namespace

QJsonObject toJson(const PublisherDetails &details)
{
    const PublisherDetails::Video &video = details.video;
    QJsonObject json{
        {QStringLiteral("address"), details.address},
        {QStringLiteral("ingest"), details.ingest},
        {QStringLiteral("video"), QJsonObject{{QStringLiteral("codec"), video.codec},
                                              {QStringLiteral("profile"), video.profile},
                                              {QStringLiteral("width"), video.width},
                                              {QStringLiteral("height"), video.height},
                                              {QStringLiteral("fps"), numberOrNull(video.fps, 2)},
                                              {QStringLiteral("keyframe_interval_s"),
                                               numberOrNull(video.keyframeIntervalS, 2)}}},
        {QStringLiteral("audio"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("bitrate_kbps"), std::round(details.bitrateKbps)}};
    if (details.audio)
        json.insert(QStringLiteral("audio"),
                    QJsonObject{{QStringLiteral("codec"), details.audio->codec},
                                {QStringLiteral("sample_rate"), details.audio->sampleRate},
                                {QStringLiteral("channels"), details.audio->channels}});
    return json;
}

std::optional<PublisherDetails> publisherDetailsFromJson(const QJsonObject &object)
{
    const QJsonValue ingest = object.value(u"ingest");
    const QJsonValue video = object.value(u"video");
    if (!ingest.isString() || !video.isObject())
        return std::nullopt;
    PublisherDetails details;
    details.address = object.value(u"address").toString();
    details.ingest = ingest.toString();
    const QJsonObject v = video.toObject();
    details.video.codec = v.value(u"codec").toString();
    details.video.profile = v.value(u"profile").toString();
    details.video.width = v.value(u"width").toInt();
    details.video.height = v.value(u"height").toInt();
    details.video.fps = optionalNumber(v.value(u"fps"));
    details.video.keyframeIntervalS = optionalNumber(v.value(u"keyframe_interval_s"));
    if (const QJsonValue audio = object.value(u"audio"); audio.isObject()) {
        const QJsonObject a = audio.toObject();
        details.audio =
            PublisherDetails::Audio{a.value(u"codec").toString(), a.value(u"sample_rate").toInt(),
                                    a.value(u"channels").toInt()};
    }
    details.bitrateKbps = object.value(u"bitrate_kbps").toDouble();
    return details;
}

} // namespace nova
