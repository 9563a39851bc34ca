#include "server/ingest/nginx_stat.h"

#include <QXmlStreamReader>

namespace nova {

namespace {
// Reads <stream>...</stream>; the reader is on its start element.
NginxStat::Stream readStream(QXmlStreamReader &xml, const QString &application)
{
    NginxStat::Stream stream;
    stream.application = application;
    int depth = 0;
    bool inClient = false;
    bool inVideo = false;
    bool inAudio = false;
    QString clientId;
    QString clientAddress;
    bool clientPublishing = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const auto name = xml.name();
            if (name == u"client") {
                inClient = true;
                clientId.clear();
                clientAddress.clear();
                clientPublishing = false;
            } else if (name == u"video") {
                inVideo = true;
            } else if (name == u"audio") {
                inAudio = true;
            } else if (inClient && name == u"id") {
                clientId = xml.readElementText();
                --depth;
            } else if (inClient && name == u"address") {
                clientAddress = xml.readElementText();
                --depth;
            } else if (inClient && name == u"publishing") {
                clientPublishing = true;
            } else if (!inClient && depth == 1 && name == u"publishing") {
                stream.publishing = true;
            } else if (!inClient && depth == 1 && name == u"name") {
                stream.name = xml.readElementText();
                --depth;
            } else if (!inClient && depth == 1 && name == u"bytes_in") {
                stream.bytesIn = xml.readElementText().toLongLong();
                --depth;
            } else if (!inClient && depth == 1 && name == u"bw_in") {
                stream.bandwidthIn = xml.readElementText().toLongLong();
                --depth;
            } else if (!inClient && depth == 1 && name == u"nclients") {
                stream.clients = xml.readElementText().toInt();
                --depth;
            } else if (inVideo && name == u"frame_rate") {
                stream.frameRate = xml.readElementText().toDouble();
                --depth;
            } else if (inVideo && name == u"width") {
                stream.width = xml.readElementText().toInt();
                --depth;
            } else if (inVideo && name == u"height") {
                stream.height = xml.readElementText().toInt();
                --depth;
            } else if (inVideo && name == u"codec") {
                stream.videoCodec = xml.readElementText();
                --depth;
            } else if (inVideo && name == u"profile") {
                stream.videoProfile = xml.readElementText();
                --depth;
            } else if (inAudio && name == u"codec") {
                stream.audioCodec = xml.readElementText();
                --depth;
            } else if (inAudio && name == u"sample_rate") {
                stream.audioSampleRate = xml.readElementText().toInt();
                --depth;
            } else if (inAudio && name == u"channels") {
                stream.audioChannels = xml.readElementText().toInt();
                --depth;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            const auto name = xml.name();
            if (name == u"stream" && depth == 0)
                break;
            if (name == u"client") {
                if (clientPublishing) {
                    stream.publisherClient = clientId;
                    stream.publisherAddress = clientAddress;
                }
                inClient = false;
            } else if (name == u"video") {
                inVideo = false;
            } else if (name == u"audio") {
                inAudio = false;
            }
            --depth;
        }
    }
    return stream;
}
} // namespace

std::optional<NginxStat> NginxStat::parse(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    NginxStat stat;
    bool sawRoot = false;
    QString application;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = reader.name();
        if (name == u"rtmp") {
            sawRoot = true;
        } else if (name == u"uptime") {
            stat.uptimeSeconds = reader.readElementText().toLongLong();
        } else if (name == u"application") {
            application.clear();
        } else if (name == u"name" && application.isEmpty()) {
            application = reader.readElementText();
        } else if (name == u"stream") {
            NginxStat::Stream stream = readStream(reader, application);
            if (!stream.name.isEmpty())
                stat.streams.append(std::move(stream));
        }
    }
    if (reader.hasError() || !sawRoot)
        return std::nullopt;
    return stat;
}

QList<NginxStat::Stream> NginxStat::publishing(const QString &application) const
{
    QList<Stream> out;
    for (const Stream &stream : streams) {
        if (stream.application == application && stream.publishing)
            out.append(stream);
    }
    return out;
}

} // namespace nova
