#include "server/streams/playback_urls.h"

namespace nova {

PlaybackUrls::PlaybackUrls(QUrl hlsBase, QUrl rtmpIngest)
    : m_hlsBase(std::move(hlsBase))
    , m_rtmpIngest(std::move(rtmpIngest))
{
    QString path = m_hlsBase.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    m_hlsBase.setPath(path);
}

QUrl PlaybackUrls::hlsUrl(const QUuid &id) const
{
    QUrl url = m_hlsBase;
    url.setPath(url.path() + u'/' + id.toString(QUuid::WithoutBraces) +
                QStringLiteral("/index.m3u8"));
    return url;
}

} // namespace nova
