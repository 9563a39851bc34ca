#include "server/metrics/metrics_controller.h"

#include "server/http/router.h"
#include "server/metrics/metrics.h"

namespace nova {

MetricsController::MetricsController(const Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
{}

void MetricsController::registerRoutes(Router &router)
{
    router.add(Router::Method::Get, QStringLiteral("/metrics"),
               [this](const HttpRequest &, HttpReply &reply) {
                   reply.send(HttpResponse::text(
                       200, QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
                       m_metrics.render()));
               });
}

} // namespace nova
