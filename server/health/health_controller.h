#pragma once

#include <QObject>

namespace nova {

class Database;
class RedisClient;
class Router;

// /healthz: the process answers. /readyz: PostgreSQL and Redis answer too, each within its
// deadline; a 503 names the one that does not.
class HealthController : public QObject
{
    Q_OBJECT

public:
    HealthController(Database &database, RedisClient &redis, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    Database &m_database;
    RedisClient &m_redis;
};

} // namespace nova
