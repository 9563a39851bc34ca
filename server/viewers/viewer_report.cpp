#include "server/viewers/viewer_report.h"

#include "server/cache/viewer_presence.h"
#include "server/http/json_body.h"
#include "shared/api_error.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace nova {

namespace {
ApiError invalid(const QString &message)
{
    return ApiError::badRequest(message, QStringLiteral("invalid_field"));
}

ApiError outOfRange(const QString &message)
{
    return ApiError::badRequest(message, QStringLiteral("out_of_range"));
}

// A number of milliseconds in [0, max seconds], as seconds; nullopt when left out.
std::optional<double> milliseconds(const QJsonObject &report, const QString &name, double max)
{
    const QJsonValue value = report.value(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        throw invalid(QStringLiteral("'%1' must be a number of milliseconds").arg(name));
    const double ms = value.toDouble();
    if (ms < 0 || ms > max * 1000)
        throw outOfRange(QStringLiteral("'%1' must be between 0 and %2").arg(name).arg(max * 1000));
    return ms / 1000;
}
} // namespace

ViewerReport ViewerReport::parse(const QByteArray &body)
{
    const QJsonObject object = parseJsonObjectBody(
        body, {QStringLiteral("viewer"), QStringLiteral("rendition"), QStringLiteral("latency_ms"),
               QStringLiteral("stalls"), QStringLiteral("startup_ms"), QStringLiteral("leaving")});
    ViewerReport report;
    const QJsonValue viewer = object.value(u"viewer");
    report.viewer = viewer.toString().toUtf8();
    if (!viewer.isString() || !ViewerPresence::isViewerId(report.viewer))
        throw invalid(QStringLiteral("'viewer' must be 16 to 64 of A-Z, a-z, 0-9, '_' and '-'"));

    const QJsonValue rendition = object.value(u"rendition");
    if (!rendition.isUndefined() && !rendition.isNull()) {
        // The ladder's names only: they become a label.
        static const QRegularExpression name(QStringLiteral("^(source|[1-9][0-9]{2,3}p)$"));
        if (!rendition.isString() || !name.match(rendition.toString()).hasMatch())
            throw invalid(QStringLiteral("'rendition' must be 'source' or a height like '480p'"));
        report.rendition = rendition.toString();
    }

    report.latencySeconds = milliseconds(object, QStringLiteral("latency_ms"), kMaxLatencySeconds);
    report.startupSeconds = milliseconds(object, QStringLiteral("startup_ms"), kMaxStartupSeconds);

    const QJsonValue stalls = object.value(u"stalls");
    if (!stalls.isUndefined() && !stalls.isNull()) {
        const double count = stalls.toDouble(-1);
        if (!stalls.isDouble() || count != std::floor(count))
            throw invalid(QStringLiteral("'stalls' must be a whole number"));
        if (count < 0 || count > kMaxStalls)
            throw outOfRange(QStringLiteral("'stalls' must be between 0 and %1").arg(kMaxStalls));
        report.stalls = int(count);
    }

    const QJsonValue leaving = object.value(u"leaving");
    if (!leaving.isUndefined() && !leaving.isNull() && !leaving.isBool())
        throw invalid(QStringLiteral("'leaving' must be true or false"));
    report.leaving = leaving.toBool();
    return report;
}

} // namespace nova
