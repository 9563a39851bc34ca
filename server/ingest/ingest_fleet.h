#pragma once

#include "server/config/ingest_node_config.h"
#include "server/ingest/nginx_stat.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace nova {

class IngestClient;
class IngestMonitor;

// Every nginx-rtmp ingest node, each read on its own timer: one slow or dead node never delays
// the readings of the others. Tells each node's reading as it comes (the reconciler works per
// node), and what the whole fleet has live (the probes and the history sampler): the last reading
// of every node that answers.
class IngestFleet : public QObject
{
    Q_OBJECT

public:
    IngestFleet(QList<IngestNodeConfig> nodes, const QString &application,
                std::chrono::milliseconds interval, QObject *parent = nullptr);
    ~IngestFleet() override;

    void start();

    QStringList names() const;
    // The node rows recorded before nodes were named belong to.
    QString firstNode() const;
    // The node a stream's row names as its holder: `recorded`, or firstNode() when it names none.
    QString holderOf(const QString &recorded) const
    {
        return recorded.isEmpty() ? firstNode() : recorded;
    }
    bool has(const QString &node) const { return find(node) != nullptr; }
    // The node's /stat and /control; the first node's for a name it does not know.
    IngestClient &client(const QString &node);
    QString probeUrl(const QString &node) const;
    // Where a new publisher should go: every node's RTMP URL, the nodes whose /stat answers first
    // and, among them, those with the fewest live streams.
    QList<QUrl> publishUrls() const;

signals:
    void nodeRead(const QString &node, const nova::NginxStat &stat);
    void nodeUnavailable(const QString &node, const QString &reason);
    // Every stream live on the nodes that answer, each with its node.
    void fleetRead(const nova::NginxStat &stat);

private:
    struct Node;
    Node *find(const QString &name) const;
    Node &findOrFirst(const QString &name) const;
    void read(Node &node, std::optional<NginxStat> stat, const QString &reason);

    QString m_application;
    std::vector<std::unique_ptr<Node>> m_nodes;
};

} // namespace nova
