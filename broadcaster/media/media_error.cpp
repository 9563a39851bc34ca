#include "broadcaster/media/media_error.h"

namespace nova {

MediaError::MediaError(Kind kind, const QString &message)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
{}

MediaError encoderError(const QString &what, int ffmpegCode)
{
    return MediaError(MediaError::Kind::Encoder,
                      what + QStringLiteral(": ") + ffmpegErrorText(ffmpegCode));
}

} // namespace nova
