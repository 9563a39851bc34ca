#pragma once

#include "shared/stream.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QUuid>

namespace nova {

// The JSON body of each stream as last answered, kept while nothing in it changes: a stream read
// by many clients at once (a page of viewers polling it) is serialised once per change, not once
// per request. A body is reused only when every field it shows, the duration included, is the
// same; the store forgets everything past `capacity` streams rather than grow.
class ServedStreamBodies
{
public:
    explicit ServedStreamBodies(qsizetype capacity = 4096);

    // The body of `stream` as GET /api/v1/streams/{id} answers it at `now`.
    QByteArray bodyFor(const Stream &stream, const QDateTime &now);

    qsizetype size() const { return m_bodies.size(); }

private:
    struct Served
    {
        Stream stream;
        qint64 durationSeconds = 0;
        QByteArray body;
    };
    static bool sameAsServed(const Served &served, const Stream &stream, qint64 durationSeconds);

    qsizetype m_capacity;
    QHash<QUuid, Served> m_bodies;
};

} // namespace nova
