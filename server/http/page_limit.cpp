#include "server/http/page_limit.h"

#include "shared/api_error.h"

namespace nova {

int pageLimit(const QUrlQuery &query, int byDefault, int max)
{
    if (!query.hasQueryItem(QStringLiteral("limit")))
        return byDefault;
    bool ok = false;
    const int limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1 || limit > max)
        throw ApiError::badRequest(
            QStringLiteral("'limit' must be a whole number from 1 to %1").arg(max),
            QStringLiteral("invalid_query"));
    return limit;
}

} // namespace nova
