#pragma once

#include <QObject>

namespace nova {

class Metrics;
class Router;

// GET /metrics: the Prometheus text format.
class MetricsController : public QObject
{
    Q_OBJECT

public:
    MetricsController(const Metrics &metrics, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    const Metrics &m_metrics;
};

} // namespace nova
