#pragma once

#include "server/http/rate_limiter.h"
#include "server/viewers/viewers_per_address.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>

namespace nova {

class HttpReply;
class HttpRequest;
class Metrics;
class Router;
class StreamService;
class ViewerPresence;
struct ViewerReport;

// POST /api/v1/streams/{id}/viewers: a watch page's report of its viewer (ViewerReport). It keeps
// the viewer counted while it plays, HLS alone or not, and feeds the viewer-side metrics. Public,
// like watching; limited per client address (behind a proxy in the exempt networks, the address
// it names in X-Real-IP) so that one address cannot flood the counts or the histograms: in
// reports a second, and in different viewers at once. Every report turned away is counted by
// reason and changes nothing.
class ViewerReportController : public QObject
{
    Q_OBJECT

public:
    using Network = QPair<QHostAddress, int>;
    // A page reports every 5 s: this lets a household or an office share an address.
    static constexpr RateLimiter::Policy kPerAddress{60, std::chrono::milliseconds(100), 100'000};

    // `viewersPerAddress`: how many different viewers one address may report at once (0: any).
    ViewerReportController(StreamService &streams, ViewerPresence &presence, Metrics &metrics,
                           QList<Network> proxies, int viewersPerAddress,
                           QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    void receive(const HttpRequest &request, HttpReply &reply);
    // Who sent it, for the limit; null for a proxy that does not say (never limited).
    QHostAddress reporter(const HttpRequest &request) const;
    void apply(const QUuid &stream, const ViewerReport &report);

    StreamService &m_streams;
    ViewerPresence &m_presence;
    Metrics &m_metrics;
    QList<Network> m_proxies;
    RateLimiter m_limiter{kPerAddress};
    ViewersPerAddress m_viewersPerAddress;
};

} // namespace nova
