#pragma once

#include "console/replicas/replica_health.h"

#include <QObject>

namespace nova {

class PrometheusClient;

// Reads every nova-server replica's health from Prometheus when asked (the dashboard's refresh),
// and tells what it read or why it could not.
class ReplicaHealthFeed : public QObject
{
    Q_OBJECT

public:
    explicit ReplicaHealthFeed(PrometheusClient &prometheus, QObject *parent = nullptr);

    void refresh();

signals:
    void read(const QList<nova::ReplicaHealth> &replicas);
    void unavailable(const QString &reason);

private:
    PrometheusClient &m_prometheus;
    quint64 m_generation = 0; // only the newest reading is told
};

} // namespace nova
