#pragma once

#include <QtGlobal>

#include <optional>

struct AVFrame;

namespace nova {

// Puts the capture time into `frame` as the side data libx264 (with udu_sei) writes out as our
// user-data-unregistered SEI (CaptureTimestampSei), replacing any the frame carried; with no time,
// the frame carries none.
void setCaptureTimeSideData(AVFrame *frame, std::optional<qint64> microsSinceEpoch);

} // namespace nova
