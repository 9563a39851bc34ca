#pragma once

#include "console/replicas/replica_health.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace nova {

// One small panel per nova-server replica: green while it serves, red when it is down or cannot
// reach PostgreSQL or Redis, with its CPU, memory, WebSockets and event-loop lag. Draws what it is
// handed (ReplicaHealthFeed reads it).
class ReplicaPanels : public QWidget
{
    Q_OBJECT

public:
    explicit ReplicaPanels(QWidget *parent = nullptr);

    void setReplicas(const QList<ReplicaHealth> &replicas);
    void setUnavailable(const QString &reason);

    const QList<ReplicaHealth> &replicas() const { return m_replicas; }
    // The panel of `instance`, or null.
    QLabel *panel(const QString &instance) const;

private:
    void clearPanels();

    QHBoxLayout *m_layout = nullptr;
    QLabel *m_note = nullptr;
    QList<QLabel *> m_panels;
    QList<ReplicaHealth> m_replicas;
};

} // namespace nova
