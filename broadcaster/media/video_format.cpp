#include "broadcaster/media/video_format.h"

#include <QStringList>

namespace nova {

std::optional<VideoFormat> VideoFormat::parseSize(const QString &text, int fps)
{
    const QStringList parts = text.toLower().split(u'x');
    if (parts.size() != 2)
        return std::nullopt;
    bool okWidth = false;
    bool okHeight = false;
    VideoFormat format;
    format.width = parts.at(0).toInt(&okWidth);
    format.height = parts.at(1).toInt(&okHeight);
    format.fps = fps;
    if (!okWidth || !okHeight || format.width % 2 || format.height % 2 || format.width < 160 ||
        format.height < 90 || format.width > 3840 || format.height > 2160)
        return std::nullopt;
    return format;
}

} // namespace nova
