#include "console/format/display_format.h"

#include <cmath>

namespace nova::DisplayFormat {

namespace {
QString trimmed(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(u'.')) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(u'.'))
            text.chop(1);
    }
    return text;
}

QString special(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
}
} // namespace

QString value(double value, Unit unit)
{
    if (!std::isfinite(value))
        return special(value);
    switch (unit) {
    case Unit::Count:
        if (std::abs(value) >= 10'000)
            return trimmed(value / 1000.0, 1) + u'k';
        return trimmed(value, std::abs(value) < 10 ? 2 : 0);
    case Unit::PerSecond:
        return trimmed(value, std::abs(value) < 10 ? 3 : 1) + QStringLiteral("/s");
    case Unit::Seconds:
        return milliseconds(value * 1000.0);
    case Unit::Ratio:
        return trimmed(value * 100.0, std::abs(value) < 0.1 ? 2 : 1) + QStringLiteral(" %");
    }
    return QString::number(value);
}

QString duration(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = seconds / 60 % 60;
    const qint64 rest = seconds % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
}

QString bitrate(double kbps)
{
    if (!std::isfinite(kbps))
        return special(kbps);
    if (kbps >= 10'000)
        return trimmed(kbps / 1000.0, 1) + QStringLiteral(" Mb/s");
    return QString::number(qint64(std::round(kbps))) + QStringLiteral(" kb/s");
}

QString milliseconds(double ms)
{
    if (!std::isfinite(ms))
        return special(ms);
    if (std::abs(ms) >= 1000)
        return trimmed(ms / 1000.0, 2) + QStringLiteral(" s");
    return trimmed(ms, std::abs(ms) < 10 ? 2 : std::abs(ms) < 100 ? 1 : 0) + QStringLiteral(" ms");
}

} // namespace nova::DisplayFormat
