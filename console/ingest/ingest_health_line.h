#pragma once

#include "console/ingest/ingest_node_health.h"

#include <QLabel>

namespace nova {

// One line above the streams: each ingest node, green with its live streams or red when its
// /stat does not answer. Shows what it is given (IngestHealthFeed); fetches nothing.
class IngestHealthLine : public QLabel
{
    Q_OBJECT

public:
    explicit IngestHealthLine(QWidget *parent = nullptr);

    void setNodes(const QList<IngestNodeHealth> &nodes);
    void setUnavailable(const QString &reason);
    const QList<IngestNodeHealth> &nodes() const { return m_nodes; }

private:
    QList<IngestNodeHealth> m_nodes;
};

} // namespace nova
