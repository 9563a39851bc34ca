#pragma once

#include <QString>

namespace nova {

// FFmpeg's words for one of its error codes.
QString avErrorText(int code);

} // namespace nova
