#include "server/http/route_id.h"

#include "shared/api_error.h"

namespace nova {

QUuid parseRouteId(const QString &text, const QString &what)
{
    const QUuid id = text.size() == 36 ? QUuid::fromString(text) : QUuid();
    if (id.isNull())
        throw ApiError::badRequest(
            QStringLiteral("'%1' is not a %2 id (a UUID)").arg(text.left(64), what),
            QStringLiteral("invalid_id"));
    return id;
}

} // namespace nova
