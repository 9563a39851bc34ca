#include "server/streams/stream_id.h"

#include "server/http/route_id.h"

namespace nova {

QUuid parseStreamId(const QString &text)
{
    return parseRouteId(text, QStringLiteral("stream"));
}

} // namespace nova
