#include "broadcaster/media/media_error.h"

extern "C" {
#include <libavutil/error.h>
}

namespace nova {

MediaError::MediaError(Kind kind, const QString &message)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
{}

QString ffmpegErrorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

MediaError encoderError(const QString &what, int ffmpegCode)
{
    return MediaError(MediaError::Kind::Encoder,
                      what + QStringLiteral(": ") + ffmpegErrorText(ffmpegCode));
}

} // namespace nova
