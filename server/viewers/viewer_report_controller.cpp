#include "server/viewers/viewer_report_controller.h"

#include "server/cache/viewer_presence.h"
#include "server/http/address_limit.h"
#include "server/http/http_reply.h"
#include "server/http/http_request.h"
#include "server/http/router.h"
#include "server/metrics/metrics.h"
#include "server/streams/stream_id.h"
#include "server/streams/stream_service.h"
#include "server/viewers/viewer_report.h"
#include "shared/api_error.h"
#include "shared/stream_status.h"

#include <QDateTime>

namespace nova {

namespace {
// The latency histogram's label: the usual renditions by name, any other height as "other".
QString renditionLabel(const QString &rendition)
{
    static const QStringList known{
        QStringLiteral("source"), QStringLiteral("2160p"), QStringLiteral("1440p"),
        QStringLiteral("1080p"),  QStringLiteral("720p"),  QStringLiteral("480p"),
        QStringLiteral("360p"),   QStringLiteral("240p"),  QStringLiteral("144p")};
    if (rendition.isEmpty())
        return QStringLiteral("unknown");
    return known.contains(rendition) ? rendition : QStringLiteral("other");
}

QString reasonOf(const ApiError &error)
{
    return error.code() == u"out_of_range" ? QStringLiteral("absurd") : QStringLiteral("malformed");
}
} // namespace

ViewerReportController::ViewerReportController(StreamService &streams, ViewerPresence &presence,
                                               Metrics &metrics, QList<Network> proxies,
                                               int viewersPerAddress, QObject *parent)
    : QObject(parent)
    , m_streams(streams)
    , m_presence(presence)
    , m_metrics(metrics)
    , m_proxies(std::move(proxies))
    , m_viewersPerAddress(viewersPerAddress, ViewerPresence::kStaleAfter)
{}

void ViewerReportController::registerRoutes(Router &router)
{
    router.add(Router::Method::Post, QStringLiteral("/api/v1/streams/{id}/viewers"),
               [this](const HttpRequest &rq, HttpReply &rp) { receive(rq, rp); });
}

QHostAddress ViewerReportController::reporter(const HttpRequest &request) const
{
    const QHostAddress peer = request.peer();
    if (!inNetworks(peer, m_proxies))
        return peer;
    // The watch page's front (nginx) says whom it speaks for; a local tool says nothing.
    return QHostAddress(QString::fromLatin1(request.header("x-real-ip").trimmed()));
}

void ViewerReportController::receive(const HttpRequest &request, HttpReply &reply)
{
    const QUuid stream = parseStreamId(request.param(0));
    const QHostAddress from = reporter(request);
    std::chrono::seconds retryAfter{1};
    if (!from.isNull() &&
        !m_limiter.spend(addressGroup(from), RateLimiter::Clock::now(), &retryAfter)) {
        m_metrics.countViewerReportRejected(QStringLiteral("rate_limited"));
        throw ApiError::tooManyRequests(QStringLiteral("too many viewer reports from this address"),
                                        int(std::max<qint64>(1, retryAfter.count())));
    }
    ViewerReport report;
    try {
        report = ViewerReport::parse(request.body());
    } catch (const ApiError &error) {
        m_metrics.countViewerReportRejected(reasonOf(error));
        throw;
    }
    if (!from.isNull()) {
        const QString group = addressGroup(from);
        if (report.leaving) {
            m_viewersPerAddress.leave(group, report.viewer);
        } else if (!m_viewersPerAddress.admit(group, report.viewer,
                                              QDateTime::currentMSecsSinceEpoch())) {
            m_metrics.countViewerReportRejected(QStringLiteral("rate_limited"));
            throw ApiError::tooManyRequests(
                QStringLiteral("too many viewers reported from this address"),
                int(std::chrono::seconds(ViewerPresence::kStaleAfter).count()));
        }
    }
    const auto live = [this, stream, report](const Stream &found) {
        if (isTerminal(found.status)) {
            m_metrics.countViewerReportRejected(QStringLiteral("not_live"));
            throw ApiError::conflict(QStringLiteral("the stream has ended"),
                                     QStringLiteral("stream_ended"));
        }
        apply(stream, report);
        return HttpResponse{204, {}, {}, {}};
    };
    if (const auto cached = m_streams.findCached(stream)) {
        reply.send(live(*cached));
        return;
    }
    replyWhenReady(m_streams.find(stream).then(this, live), this, std::move(reply));
}

void ViewerReportController::apply(const QUuid &stream, const ViewerReport &report)
{
    if (report.leaving)
        m_presence.depart(stream, report.viewer);
    else
        m_presence.report(stream, report.viewer);
    if (report.latencySeconds)
        m_metrics.observeViewerLatency(renditionLabel(report.rendition), *report.latencySeconds);
    if (report.stalls > 0)
        m_metrics.countViewerStalls(report.stalls);
    if (report.startupSeconds)
        m_metrics.observeViewerStartup(*report.startupSeconds);
}

} // namespace nova
