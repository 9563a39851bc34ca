#include "ladder/playlist/master_playlist.h"

namespace nova {

QByteArray masterPlaylist(const QList<VariantStream> &variants)
{
    QString text = QStringLiteral("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (const VariantStream &variant : variants) {
        text += QStringLiteral("#EXT-X-STREAM-INF:BANDWIDTH=%1").arg(variant.bandwidth);
        if (variant.averageBandwidth > 0)
            text += QStringLiteral(",AVERAGE-BANDWIDTH=%1").arg(variant.averageBandwidth);
        if (!variant.codecs.isEmpty())
            text += QStringLiteral(",CODECS=\"%1\"").arg(variant.codecs);
        if (variant.width > 0 && variant.height > 0)
            text += QStringLiteral(",RESOLUTION=%1x%2").arg(variant.width).arg(variant.height);
        if (variant.frameRate > 0)
            text += QStringLiteral(",FRAME-RATE=%1").arg(variant.frameRate, 0, 'f', 3);
        text += u'\n' + variant.uri + u'\n';
    }
    return text.toUtf8();
}

} // namespace nova
