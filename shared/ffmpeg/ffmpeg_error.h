#pragma once

#include <QString>

namespace nova {

// FFmpeg's words for one of its error codes.
QString ffmpegErrorText(int code);

} // namespace nova
