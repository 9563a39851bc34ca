#include "broadcaster/ui/stats_severity.h"

namespace nova {

Severity droppedFramesSeverity(double percent)
{
    if (percent > 5.0)
        return Severity::Error;
    if (percent > 1.0)
        return Severity::Warning;
    return Severity::Normal;
}

Severity frameRateSeverity(double fps, int targetFps)
{
    if (targetFps <= 0)
        return Severity::Normal;
    if (fps < 0.80 * targetFps)
        return Severity::Error;
    if (fps < 0.95 * targetFps)
        return Severity::Warning;
    return Severity::Normal;
}

QColor severityColour(Severity severity)
{
    switch (severity) {
    case Severity::Warning:
        return QColor(0xd0, 0x9c, 0x00); // amber, readable on light and dark
    case Severity::Error:
        return QColor(0xd3, 0x2f, 0x2f);
    case Severity::Normal:
        break;
    }
    return {};
}

} // namespace nova
