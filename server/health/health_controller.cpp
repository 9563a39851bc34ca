#include "server/health/health_controller.h"

#include "server/health/readiness_checks.h"
#include "server/http/router.h"

#include <QFuture>

namespace nova {

HealthController::HealthController(Database &database, RedisClient &redis, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_redis(redis)
{}

void HealthController::registerRoutes(Router &router)
{
    using M = Router::Method;
    router.add(M::Get, QStringLiteral("/healthz"), [](const HttpRequest &, HttpReply &reply) {
        reply.send(HttpResponse::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}}));
    });
    router.add(M::Get, QStringLiteral("/readyz"), [this](const HttpRequest &, HttpReply &reply) {
        auto answer = checkReadiness(m_database, m_redis).then([](const Readiness &readiness) {
            return HttpResponse::json(
                readiness.ready() ? 200 : 503,
                {{QStringLiteral("status"),
                  readiness.ready() ? QStringLiteral("ready") : QStringLiteral("not ready")},
                 {QStringLiteral("checks"),
                  QJsonObject{{QStringLiteral("postgresql"), readiness.postgresql},
                              {QStringLiteral("redis"), readiness.redis}}}});
        });
        replyWhenReady(std::move(answer), this, std::move(reply));
    });
}

} // namespace nova
