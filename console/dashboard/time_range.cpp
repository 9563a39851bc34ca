#include "console/dashboard/time_range.h"

#include "console/prometheus/platform_queries.h"
#include "shared/qt_compat.h"

#include <QStringList>

namespace nova {

namespace {
using std::chrono::seconds;

seconds lengthOf(TimeRange::Preset preset)
{
    switch (preset) {
    case TimeRange::Preset::Last5Minutes:
        return seconds(300);
    case TimeRange::Preset::Last15Minutes:
        return seconds(900);
    case TimeRange::Preset::LastHour:
        return seconds(3600);
    case TimeRange::Preset::Last6Hours:
        return seconds(6 * 3600);
    case TimeRange::Preset::Last24Hours:
        return seconds(24 * 3600);
    case TimeRange::Preset::Custom:
        break;
    }
    return seconds(3600);
}
} // namespace

TimeRange TimeRange::custom(const QDateTime &from, const QDateTime &to)
{
    return {Preset::Custom, from.toUTC(), to.toUTC()};
}

QDateTime TimeRange::from(const QDateTime &now) const
{
    if (preset == Preset::Custom)
        return customFrom;
    return now.addSecs(-lengthOf(preset).count());
}

QDateTime TimeRange::to(const QDateTime &now) const
{
    return preset == Preset::Custom ? customTo : now;
}

seconds TimeRange::length() const
{
    if (preset == Preset::Custom)
        return seconds(std::max<qint64>(customFrom.secsTo(customTo), 1));
    return lengthOf(preset);
}

QString TimeRange::label() const
{
    if (preset != Preset::Custom)
        return label(preset);
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    return QStringLiteral("%1 – %2").arg(customFrom.toLocalTime().toString(format),
                                         customTo.toLocalTime().toString(format));
}

QString TimeRange::label(Preset preset)
{
    switch (preset) {
    case Preset::Last5Minutes:
        return QStringLiteral("Last 5 minutes");
    case Preset::Last15Minutes:
        return QStringLiteral("Last 15 minutes");
    case Preset::LastHour:
        return QStringLiteral("Last hour");
    case Preset::Last6Hours:
        return QStringLiteral("Last 6 hours");
    case Preset::Last24Hours:
        return QStringLiteral("Last 24 hours");
    case Preset::Custom:
        return QStringLiteral("Custom…");
    }
    return {};
}

QList<TimeRange::Preset> TimeRange::presets()
{
    return {Preset::Last5Minutes, Preset::Last15Minutes, Preset::LastHour,
            Preset::Last6Hours,   Preset::Last24Hours,   Preset::Custom};
}

QString TimeRange::toSetting() const
{
    if (preset == Preset::Custom)
        return QStringLiteral("custom:%1:%2")
            .arg(customFrom.toMSecsSinceEpoch())
            .arg(customTo.toMSecsSinceEpoch());
    return PlatformQueries::duration(lengthOf(preset));
}

TimeRange TimeRange::fromSetting(const QString &text)
{
    const QStringList parts = text.split(u':');
    if (parts.size() == 3 && parts.at(0) == u"custom") {
        bool fromOk = false;
        bool toOk = false;
        const qint64 from = parts.at(1).toLongLong(&fromOk);
        const qint64 to = parts.at(2).toLongLong(&toOk);
        if (fromOk && toOk && to > from)
            return custom(utcFromMSecsSinceEpoch(from), utcFromMSecsSinceEpoch(to));
    }
    for (Preset preset : presets()) {
        if (preset != Preset::Custom && PlatformQueries::duration(lengthOf(preset)) == text)
            return last(preset);
    }
    return last(Preset::LastHour);
}

} // namespace nova
