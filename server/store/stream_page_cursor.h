#pragma once

#include <QString>
#include <QUuid>

#include <optional>

namespace nova {

// Where a page of the newest-first stream list stopped: the (created_at, id) of its last row.
// Opaque to clients (base64url); a cursor that does not decode is a 400, not a crash.
struct StreamPageCursor
{
    qint64 createdMicros = 0; // created_at in microseconds since the epoch, as PostgreSQL keeps it
    QUuid id;

    QString encode() const;
    static std::optional<StreamPageCursor> decode(const QString &text);
};

} // namespace nova
