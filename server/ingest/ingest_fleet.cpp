#include "server/ingest/ingest_fleet.h"

#include "server/ingest/ingest_client.h"
#include "server/ingest/ingest_monitor.h"

#include <algorithm>
#include <tuple>

namespace nova {

struct IngestFleet::Node
{
    IngestNodeConfig config;
    std::unique_ptr<IngestClient> client;
    std::unique_ptr<IngestMonitor> monitor;
    std::optional<NginxStat> last; // while its /stat answers
    bool answered = false;         // it has been read, well or not
};

IngestFleet::IngestFleet(QList<IngestNodeConfig> nodes, const QString &application,
                         std::chrono::milliseconds interval, QObject *parent)
    : QObject(parent)
    , m_application(application)
{
    Q_ASSERT(!nodes.isEmpty());
    for (IngestNodeConfig &config : nodes) {
        auto node = std::make_unique<Node>();
        node->client = std::make_unique<IngestClient>(config.nginxUrl, application);
        node->monitor = std::make_unique<IngestMonitor>(*node->client, interval, config.name);
        node->config = std::move(config);
        Node *raw = node.get();
        connect(node->monitor.get(), &IngestMonitor::statRead, this,
                [this, raw](const NginxStat &stat) { read(*raw, stat, {}); });
        connect(node->monitor.get(), &IngestMonitor::statUnavailable, this,
                [this, raw](const QString &reason) { read(*raw, std::nullopt, reason); });
        m_nodes.push_back(std::move(node));
    }
}

IngestFleet::~IngestFleet() = default;

void IngestFleet::start()
{
    for (const auto &node : m_nodes)
        node->monitor->start();
}

QStringList IngestFleet::names() const
{
    QStringList names;
    for (const auto &node : m_nodes)
        names.append(node->config.name);
    return names;
}

QString IngestFleet::firstNode() const
{
    return m_nodes.front()->config.name;
}

IngestFleet::Node *IngestFleet::find(const QString &name) const
{
    for (const auto &node : m_nodes) {
        if (node->config.name == name)
            return node.get();
    }
    return nullptr;
}

IngestFleet::Node &IngestFleet::findOrFirst(const QString &name) const
{
    Node *found = find(name);
    return found ? *found : *m_nodes.front();
}

IngestClient &IngestFleet::client(const QString &node)
{
    return *findOrFirst(node).client;
}

QString IngestFleet::probeUrl(const QString &node) const
{
    return findOrFirst(node).config.probeUrl;
}

QList<QUrl> IngestFleet::publishUrls() const
{
    struct Choice
    {
        bool down;
        qsizetype streams;
        QUrl url;
    };
    QList<Choice> choices;
    for (const auto &node : m_nodes) {
        const bool down = node->answered && !node->last;
        const qsizetype streams = node->last ? node->last->publishing(m_application).size() : 0;
        choices.append({down, streams, node->config.rtmpUrl});
    }
    // Stable: among equals, the configured order.
    std::stable_sort(choices.begin(), choices.end(), [](const Choice &a, const Choice &b) {
        return std::tie(a.down, a.streams) < std::tie(b.down, b.streams);
    });
    QList<QUrl> urls;
    for (const Choice &choice : choices)
        urls.append(choice.url);
    return urls;
}

void IngestFleet::read(Node &node, std::optional<NginxStat> stat, const QString &reason)
{
    node.answered = true;
    node.last = std::move(stat);
    if (node.last) {
        for (NginxStat::Stream &stream : node.last->streams)
            stream.node = node.config.name;
        emit nodeRead(node.config.name, *node.last);
    } else {
        emit nodeUnavailable(node.config.name, reason);
    }

    NginxStat fleet;
    for (const auto &each : m_nodes) {
        if (each->last)
            fleet.streams.append(each->last->streams);
    }
    emit fleetRead(fleet);
}

} // namespace nova
