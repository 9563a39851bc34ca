#include "server/health/readiness_checks.h"

#include "server/cache/redis_client.h"
#include "server/store/database.h"
#include "shared/api_error.h"

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

QFuture<Readiness> checkReadiness(Database &database, RedisClient &redis)
{
    QList<QFuture<QString>> checks{
        outcome(database.ping()),
        outcome(redis.command({"PING"}).then([](const RedisReply &answer) {
            if (answer.isError())
                throw ApiError::unavailable(QString::fromUtf8(answer.text));
        }))};
    return QtFuture::whenAll(checks.begin(), checks.end())
        .then([](const QList<QFuture<QString>> &done) {
            return Readiness{done.at(0).result(), done.at(1).result()};
        });
}

} // namespace nova
