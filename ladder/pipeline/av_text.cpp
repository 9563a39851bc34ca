#include "ladder/pipeline/av_text.h"

extern "C" {
#include <libavutil/error.h>
}

namespace nova {

QString avErrorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

} // namespace nova
