#include "server/health/replica_vitals.h"

#include "server/health/process_usage.h"
#include "server/health/readiness_checks.h"
#include "server/metrics/metrics.h"

namespace nova {

ReplicaVitals::ReplicaVitals(Database &database, RedisClient &redis, Metrics &metrics,
                             QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_redis(redis)
    , m_metrics(metrics)
{
    connect(&m_lag, &EventLoopLag::measured, this,
            [this](double seconds) { m_metrics.setEventLoopLag(seconds); });
    m_usageTimer.setInterval(kUsageInterval);
    connect(&m_usageTimer, &QTimer::timeout, this, &ReplicaVitals::recordUsage);
    m_dependencyTimer.setInterval(kDependencyInterval);
    connect(&m_dependencyTimer, &QTimer::timeout, this, &ReplicaVitals::checkDependencies);
}

void ReplicaVitals::start()
{
    m_lag.start();
    m_usageTimer.start();
    m_dependencyTimer.start();
    recordUsage();
    checkDependencies();
}

void ReplicaVitals::recordUsage()
{
    if (const auto usage = ProcessUsage::now())
        m_metrics.setProcessUsage(usage->residentBytes, usage->cpuSeconds);
}

void ReplicaVitals::checkDependencies()
{
    if (m_checking)
        return;
    m_checking = true;
    checkReadiness(m_database, m_redis).then(this, [this](const Readiness &readiness) {
        m_checking = false;
        m_metrics.setDependencyUp(QStringLiteral("postgresql"), readiness.postgresql == u"ok");
        m_metrics.setDependencyUp(QStringLiteral("redis"), readiness.redis == u"ok");
    });
}

} // namespace nova
