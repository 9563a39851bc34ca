#pragma once

#include <QString>

namespace nova {

// How the console writes numbers for people: units chosen to keep values short and exact enough.
namespace DisplayFormat {

enum class Unit
{
    Count,     // 3, 1.2k
    PerSecond, // 0.25/s
    Seconds,   // 850 ms, 1.2 s
    Ratio,     // 0.5 %
};

QString value(double value, Unit unit);
QString duration(qint64 seconds); // 1:02:03, 4:05
QString bitrate(double kbps);     // 2,480 kb/s, 12.4 Mb/s
QString milliseconds(double ms);  // 85 ms, 1.25 s

} // namespace DisplayFormat

} // namespace nova
