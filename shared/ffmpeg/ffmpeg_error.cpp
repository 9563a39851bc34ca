#include "shared/ffmpeg/ffmpeg_error.h"

extern "C" {
#include <libavutil/error.h>
}

namespace nova {

QString ffmpegErrorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

} // namespace nova
