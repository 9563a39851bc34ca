#include "server/http/http_request.h"

namespace nova {

namespace {
QByteArrayView pathOf(const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? QByteArrayView(target) : QByteArrayView(target).first(query);
}

QByteArrayView queryOf(const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? QByteArrayView() : QByteArrayView(target).sliced(query + 1);
}
} // namespace

HttpRequest::HttpRequest(const ParsedRequest &request, const QHostAddress &peer, QStringList params)
    : m_request(request)
    , m_peer(peer)
    , m_params(std::move(params))
{}

QUrlQuery HttpRequest::query() const
{
    QUrlQuery query;
    query.setQuery(QString::fromLatin1(queryOf(m_request.target)));
    return query;
}

QString HttpRequest::encodedPath() const
{
    return QString::fromLatin1(pathOf(m_request.target));
}

QUrl HttpRequest::url() const
{
    QUrl url;
    url.setPath(encodedPath(), QUrl::TolerantMode);
    const QByteArrayView query = queryOf(m_request.target);
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
    return url;
}

} // namespace nova
