#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace nova {

// What a live stream's publisher sends and from where (GET /streams/{id}/publisher): nginx's
// /stat tells the connection and the codecs, the server's probe what /stat cannot know.
struct PublisherDetails
{
    struct Video
    {
        QString codec; // "H264"
        QString profile;
        int width = 0;
        int height = 0;
        std::optional<double> fps;               // declared by the publisher, else measured
        std::optional<double> keyframeIntervalS; // measured; unknown before a second keyframe
    };
    struct Audio
    {
        QString codec; // "AAC"
        int sampleRate = 0;
        int channels = 0;
    };

    QString address; // where the publisher connects from
    QString ingest;  // the ingest node that holds it
    Video video;
    std::optional<Audio> audio; // none when it sends no sound
    double bitrateKbps = 0;     // received by the ingest node
};

QJsonObject toJson(const PublisherDetails &details);
// nullopt when the object is not a publisher's details (no ingest node or no video object).
std::optional<PublisherDetails> publisherDetailsFromJson(const QJsonObject &object);

} // namespace nova
