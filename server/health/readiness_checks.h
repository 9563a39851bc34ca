#pragma once

#include <QFuture>
#include <QString>

namespace nova {

class Database;
class RedisClient;

// Whether PostgreSQL and Redis answer now, each within its own deadline: "ok" or the reason.
struct Readiness
{
    QString postgresql;
    QString redis;

    bool ready() const { return postgresql == u"ok" && redis == u"ok"; }
};

// One round of checks, as /readyz answers it and the dependency gauges record it; never fails.
QFuture<Readiness> checkReadiness(Database &database, RedisClient &redis);

} // namespace nova
