#pragma once

#include "server/health/event_loop_lag.h"

#include <QObject>
#include <QTimer>

namespace nova {

class Database;
class Metrics;
class RedisClient;

// This replica's vitals in its metrics, for the console's replica panels and the alerts: how late
// its event loop runs, its CPU time and resident memory, and whether PostgreSQL and Redis answer
// it (checked as /readyz does, every few seconds).
class ReplicaVitals : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kUsageInterval{1};
    static constexpr std::chrono::seconds kDependencyInterval{5};

    ReplicaVitals(Database &database, RedisClient &redis, Metrics &metrics,
                  QObject *parent = nullptr);

    void start();

private:
    void recordUsage();
    void checkDependencies();

    Database &m_database;
    RedisClient &m_redis;
    Metrics &m_metrics;
    EventLoopLag m_lag;
    QTimer m_usageTimer;
    QTimer m_dependencyTimer;
    bool m_checking = false; // one round at a time: a blackholed database takes its deadline
};

} // namespace nova
