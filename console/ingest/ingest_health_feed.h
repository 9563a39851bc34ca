#pragma once

#include "console/ingest/ingest_node_health.h"

#include <QObject>

namespace nova {

class PrometheusClient;

// Reads every ingest node's health from Prometheus when asked (the dashboard's refresh), and
// tells what it read or why it could not.
class IngestHealthFeed : public QObject
{
    Q_OBJECT

public:
    explicit IngestHealthFeed(PrometheusClient &prometheus, QObject *parent = nullptr);

    void refresh();

signals:
    void read(const QList<nova::IngestNodeHealth> &nodes);
    void unavailable(const QString &reason);

private:
    PrometheusClient &m_prometheus;
    quint64 m_generation = 0; // only the newest reading is told
};

} // namespace nova
