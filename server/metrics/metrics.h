#pragma once

#include <QByteArray>

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <memory>

namespace nova {

// nova-server's Prometheus metrics (names fixed by DESIGN.md) in one registry, rendered in the
// text exposition format for GET /metrics.
class Metrics
{
public:
    Metrics();

    // Streams ACTIVE on the whole platform (every replica reports the same, database-wide value:
    // aggregate with max(), not sum()).
    prometheus::Gauge &activeStreams() { return *m_activeStreams; }

    QByteArray render() const;

private:
    std::shared_ptr<prometheus::Registry> m_registry;
    prometheus::Gauge *m_activeStreams = nullptr;
};

} // namespace nova
