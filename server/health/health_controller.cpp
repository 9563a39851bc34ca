#include "server/health/health_controller.h"

#include "server/cache/redis_client.h"
#include "server/http/router.h"
#include "server/store/database.h"
#include "shared/api_error.h"

#include <QFuture>

namespace nova {

namespace {
// Runs `future` to an "ok" / reason string, never an exception.
template<typename T>
QFuture<QString> outcome(QFuture<T> future)
{
    return future.then([](QFuture<T> done) {
        try {
            done.waitForFinished();
            if constexpr (!std::is_void_v<T>)
                done.result();
            return QStringLiteral("ok");
        } catch (const std::exception &error) {
            return QString::fromUtf8(error.what());
        }
    });
}
} // namespace

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
        const QFuture<QString> database = outcome(m_database.ping());
        const QFuture<QString> redis =
            outcome(m_redis.command({"PING"}).then([](const RedisReply &answer) {
                if (answer.isError())
                    throw ApiError::unavailable(QString::fromUtf8(answer.text));
            }));
        QList<QFuture<QString>> checks{database, redis};
        auto answer =
            QtFuture::whenAll(checks.begin(), checks.end())
                .then([](const QList<QFuture<QString>> &done) {
                    const QString db = done.at(0).result();
                    const QString rd = done.at(1).result();
                    const bool ready = db == u"ok" && rd == u"ok";
                    return HttpResponse::json(
                        ready ? 200 : 503,
                        {{QStringLiteral("status"),
                          ready ? QStringLiteral("ready") : QStringLiteral("not ready")},
                         {QStringLiteral("checks"), QJsonObject{{QStringLiteral("postgresql"), db},
                                                                {QStringLiteral("redis"), rd}}}});
                });
        replyWhenReady(std::move(answer), this, std::move(reply));
    });
}

} // namespace nova
