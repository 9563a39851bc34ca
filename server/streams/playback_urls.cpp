#include "server/streams/playback_urls.h"

namespace nova {

namespace {
QUrl withoutTrailingSlash(QUrl url)
{
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}
} // namespace

PlaybackUrls::PlaybackUrls(QUrl hlsBase, QUrl watchBase)
    : m_hlsBase(withoutTrailingSlash(std::move(hlsBase)))
    , m_watchBase(withoutTrailingSlash(std::move(watchBase)))
{
    if (m_watchBase.isEmpty()) {
        m_watchBase = m_hlsBase;
        m_watchBase.setPath(QStringLiteral("/watch"));
    }
}

QUrl PlaybackUrls::watchUrl(const QUuid &id) const
{
    QUrl url = m_watchBase;
    url.setPath(url.path() + u'/' + id.toString(QUuid::WithoutBraces));
    return url;
}

QUrl PlaybackUrls::hlsUrl(const QUuid &id) const
{
    QUrl url = m_hlsBase;
    url.setPath(url.path() + u'/' + id.toString(QUuid::WithoutBraces) +
                QStringLiteral("/index.m3u8"));
    return url;
}

} // namespace nova
