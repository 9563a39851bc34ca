#include "server/http/router.h"

#include <QUrl>

namespace nova {

void Router::add(Method method, const QString &pattern, Handler handler)
{
    Q_ASSERT(pattern.startsWith(u'/'));
    m_routes.push_back({method, pattern, pattern.mid(1).split(u'/'), std::move(handler)});
}

void Router::addWebSocket(const QString &pattern, UpgradeCheck check)
{
    Q_ASSERT(pattern.startsWith(u'/'));
    m_webSockets.push_back(
        {{Method::Get, pattern, pattern.mid(1).split(u'/'), {}}, std::move(check)});
}

Router::WebSocketLookup Router::findWebSocket(const QString &encodedPath) const
{
    const QList<QStringView> segments = QStringView(encodedPath).mid(1).split(u'/');
    for (const WebSocketRoute &webSocket : m_webSockets) {
        if (auto params = matchSegments(webSocket.route, segments))
            return {&webSocket.check, std::move(*params)};
    }
    return {};
}

std::optional<QStringList> Router::matchSegments(const Route &route,
                                                 const QList<QStringView> &segments)
{
    if (route.segments.size() != segments.size())
        return std::nullopt;
    QStringList params;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(u'{')) {
            if (segments.at(i).isEmpty())
                return std::nullopt;
            params.append(QUrl::fromPercentEncoding(segments.at(i).toUtf8()));
        } else if (segments.at(i) != expected) {
            return std::nullopt;
        }
    }
    return params;
}

Router::Lookup Router::find(Method method, const QString &encodedPath) const
{
    const QList<QStringView> segments = QStringView(encodedPath).mid(1).split(u'/');
    Lookup lookup;
    for (const Route &route : m_routes) {
        auto params = matchSegments(route, segments);
        if (!params)
            continue;
        if (route.method == method || (method == Method::Head && route.method == Method::Get)) {
            lookup.match = Match::Found;
            lookup.handler = &route.handler;
            lookup.params = std::move(*params);
            return lookup;
        }
        lookup.match = Match::WrongMethod;
        lookup.allowed += (lookup.allowed.isEmpty() ? "" : ", ") + methodName(route.method);
        if (route.method == Method::Get)
            lookup.allowed += ", HEAD";
    }
    return lookup;
}

QStringList Router::routes() const
{
    QStringList out;
    for (const Route &route : m_routes)
        out.append(QString::fromLatin1(methodName(route.method)) + u' ' + route.pattern);
    for (const WebSocketRoute &webSocket : m_webSockets)
        out.append(QStringLiteral("GET ") + webSocket.route.pattern +
                   QStringLiteral(" (WebSocket)"));
    return out;
}

} // namespace nova
