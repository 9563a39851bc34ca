#pragma once

#include "server/http/http_method.h"
#include "server/http/http_reply.h"
#include "server/http/http_request.h"

#include <QString>

#include <any>
#include <functional>
#include <optional>
#include <vector>

namespace nova {

class ApiError;

// Maps method + path to a handler. Patterns are literal segments and "{name}" placeholders
// ("/api/v1/streams/{id}"); placeholders capture one non-empty segment, percent-decoded.
class Router
{
public:
    using Method = HttpMethod;
    using Handler = std::function<void(const HttpRequest &, HttpReply &)>;
    // A GET route answers HEAD too, without its body (RFC 9110, 9.3.2).
    // Decides a WebSocket upgrade before it happens: throws ApiError to refuse, or returns the
    // route's own account of the upgrade (what it read from the request), handed to the
    // HttpServer's UpgradeTaker so that nobody reads the request again.
    using UpgradeCheck = std::function<std::any(const HttpRequest &)>;

    void add(Method method, const QString &pattern, Handler handler);
    void addWebSocket(const QString &pattern, UpgradeCheck check);

    enum class Match
    {
        Found,
        WrongMethod,
        NotFound
    };
    struct Lookup
    {
        Match match = Match::NotFound;
        const Handler *handler = nullptr;
        QStringList params;
        QByteArray allowed; // for 405: the methods the path does accept
    };
    Lookup find(Method method, const QString &encodedPath) const;

    struct WebSocketLookup
    {
        const UpgradeCheck *check = nullptr; // null: no WebSocket route there
        QStringList params;
    };
    WebSocketLookup findWebSocket(const QString &encodedPath) const;

    // Every registered "METHOD pattern", for docs and tests.
    QStringList routes() const;

private:
    struct Route
    {
        Method method;
        QString pattern;
        QStringList segments;
        Handler handler;
    };
    static std::optional<QStringList> matchSegments(const Route &route,
                                                    const QList<QStringView> &segments);

    std::vector<Route> m_routes;
    struct WebSocketRoute
    {
        Route route;
        UpgradeCheck check;
    };
    std::vector<WebSocketRoute> m_webSockets;
};

} // namespace nova
