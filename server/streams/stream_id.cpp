#include "server/streams/stream_id.h"

#include "shared/api_error.h"

namespace nova {

QUuid parseStreamId(const QString &text)
{
    const QUuid id = text.size() == 36 ? QUuid::fromString(text) : QUuid();
    if (id.isNull())
        throw ApiError::badRequest(
            QStringLiteral("'%1' is not a stream id (a UUID)").arg(text.left(64)),
            QStringLiteral("invalid_id"));
    return id;
}

} // namespace nova
