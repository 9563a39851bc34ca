#include "server/streams/served_stream_bodies.h"

#include "shared/stream_json.h"

#include <QJsonDocument>

namespace nova {

ServedStreamBodies::ServedStreamBodies(qsizetype capacity)
    : m_capacity(capacity)
{}

bool ServedStreamBodies::sameAsServed(const Served &served, const Stream &stream,
                                      qint64 durationSeconds)
{
    const Stream &s = served.stream;
    return served.durationSeconds == durationSeconds && s.status == stream.status &&
           s.viewerCount == stream.viewerCount && s.peakViewers == stream.peakViewers &&
           s.title == stream.title && s.owner == stream.owner && s.createdAt == stream.createdAt &&
           s.startedAt == stream.startedAt && s.endedAt == stream.endedAt &&
           s.playableAt == stream.playableAt && s.hlsUrl == stream.hlsUrl &&
           s.ingest == stream.ingest && s.watchUrl == stream.watchUrl;
}

QByteArray ServedStreamBodies::bodyFor(const Stream &stream, const QDateTime &now)
{
    const qint64 duration = stream.durationSeconds(now);
    if (const auto found = m_bodies.constFind(stream.id); found != m_bodies.cend()) {
        if (sameAsServed(*found, stream, duration))
            return found->body;
    }
    QByteArray body = QJsonDocument(toJson(stream, now)).toJson(QJsonDocument::Compact);
    if (m_bodies.size() >= m_capacity && !m_bodies.contains(stream.id))
        m_bodies.clear(); // rare: more streams read than kept; start over
    m_bodies.insert(stream.id, {stream, duration, body});
    return body;
}

} // namespace nova
