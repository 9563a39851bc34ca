#pragma once

#include <QColor>

namespace nova {

// How worrying a figure is, with the thresholds OBS Studio's stats use: more than 1 % of frames
// dropped is a warning and more than 5 % an error; a frame rate under 95 % of the target a warning
// and under 80 % an error.
enum class Severity
{
    Normal,
    Warning,
    Error
};

Severity droppedFramesSeverity(double percent);
Severity frameRateSeverity(double fps, int targetFps);
// The colour a label takes for it (none for Normal: the palette's own).
QColor severityColour(Severity severity);

} // namespace nova
