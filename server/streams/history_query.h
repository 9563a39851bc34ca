#pragma once

#include <QDateTime>
#include <QUrlQuery>

#include <chrono>

namespace nova {

// ?from&to&step of GET /streams/{id}/metrics. Times are RFC 3339 or Unix seconds; step is whole
// seconds or a duration ("15s", "5m", "1h"). Defaults: the last hour, a step that gives at most
// 720 points (never under 5 s, the sampling interval). Throws ApiError 400 (invalid_query) for
// malformed values, from >= to, or more than kMaxPoints points.
struct HistoryQuery
{
    static constexpr qint64 kMaxPoints = 11'000;

    QDateTime from;
    QDateTime to;
    std::chrono::seconds step{5};

    static HistoryQuery parse(const QUrlQuery &query, const QDateTime &now);
};

} // namespace nova
