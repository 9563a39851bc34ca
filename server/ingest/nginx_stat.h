#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace nova {

// What nginx-rtmp's /stat page (rtmp_stat all) says about its live streams.
struct NginxStat
{
    struct Stream
    {
        QString application;
        QString node;             // the ingest node it was read from (IngestFleet)
        QString name;             // the stream id once on_publish renamed it
        bool publishing = false;  // a publisher is connected
        QString publisherClient;  // its nginx client id
        QString publisherAddress; // where it connects from, as nginx saw it
        qint64 bytesIn = 0;       // received so far (for bitrates over our own window)
        qint64 bandwidthIn = 0;   // bits/s, nginx's own average
        double frameRate = 0;     // as the publisher's metadata declares it
        int width = 0;
        int height = 0;
        QString videoCodec; // "H264"; empty until the publisher's first video header
        QString videoProfile;
        QString audioCodec; // "AAC"; empty without audio
        int audioSampleRate = 0;
        int audioChannels = 0;
        int clients = 0;
    };

    qint64 uptimeSeconds = 0;
    QList<Stream> streams;

    // The publishing streams of `application`, by name.
    QList<Stream> publishing(const QString &application) const;

    // nullopt when `xml` is not a /stat document; never throws.
    static std::optional<NginxStat> parse(const QByteArray &xml);
};

} // namespace nova

Q_DECLARE_METATYPE(nova::NginxStat)
