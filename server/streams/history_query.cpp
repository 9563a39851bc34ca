#include "server/streams/history_query.h"

#include "shared/api_error.h"
#include "shared/qt_compat.h"
#include "shared/rfc3339.h"

#include <QRegularExpression>

namespace nova {

namespace {
constexpr qint64 kDefaultRangeSeconds = 3600;
constexpr qint64 kDefaultPoints = 720;
constexpr qint64 kMinimumStep = 5;

ApiError invalid(const QString &message)
{
    return ApiError::badRequest(message, QStringLiteral("invalid_query"));
}

QDateTime parseTime(const QString &name, const QString &text)
{
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber && seconds >= 0 && seconds < 1e11)
        return utcFromMSecsSinceEpoch(qint64(seconds * 1000));
    const QDateTime time = fromRfc3339(text);
    if (!time.isValid())
        throw invalid(QStringLiteral("'%1' must be an RFC 3339 time or Unix seconds").arg(name));
    return time;
}

qint64 parseStep(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,7})(s|m|h)?$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        throw invalid(
            QStringLiteral("'step' must be whole seconds or a duration like 15s, 5m, 1h"));
    const qint64 value = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 seconds = unit == u"h" ? value * 3600 : unit == u"m" ? value * 60 : value;
    if (seconds < 1)
        throw invalid(QStringLiteral("'step' must be at least one second"));
    return seconds;
}
} // namespace

HistoryQuery HistoryQuery::parse(const QUrlQuery &query, const QDateTime &now)
{
    HistoryQuery parsed;
    const auto value = [&](const char *name) {
        return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    };
    parsed.to = query.hasQueryItem(QStringLiteral("to"))
                    ? parseTime(QStringLiteral("to"), value("to"))
                    : now;
    parsed.from = query.hasQueryItem(QStringLiteral("from"))
                      ? parseTime(QStringLiteral("from"), value("from"))
                      : parsed.to.addSecs(-kDefaultRangeSeconds);
    if (parsed.from >= parsed.to)
        throw invalid(QStringLiteral("'from' must be before 'to'"));
    const qint64 range = std::max<qint64>(1, parsed.from.secsTo(parsed.to));
    const qint64 step = query.hasQueryItem(QStringLiteral("step"))
                            ? parseStep(value("step"))
                            : std::max(kMinimumStep, (range + kDefaultPoints - 1) / kDefaultPoints);
    if (range / step > kMaxPoints)
        throw invalid(QStringLiteral("%1 points requested; at most %2: raise 'step'")
                          .arg(range / step)
                          .arg(kMaxPoints));
    parsed.step = std::chrono::seconds(step);
    return parsed;
}

} // namespace nova
