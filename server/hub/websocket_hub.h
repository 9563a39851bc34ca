#pragma once

#include "server/cache/bus_event.h"
#include "server/eventloop/event_loop_kind.h"
#include "server/http/address_limit.h"
#include "server/hub/event_history.h"
#include "server/hub/event_order.h"
#include "server/hub/hub_limits.h"
#include "server/hub/hub_session.h"

#include <QHash>
#include <QObject>
#include <QUuid>

#include <functional>
#include <memory>
#include <vector>

class QThread;
class QTcpSocket;

namespace nova {

class ApiError;
class EventBus;
struct HubUpgrade;
class HttpServer;
class HubShard;
class Metrics;
class StreamService;
class ViewerPresence;

// Pushes live events to WebSocket clients: viewers of one stream (/api/v1/streams/{id}/ws, each a
// viewer in the presence count) and operators of all (/api/v1/events/ws). Every event arrives once
// from the EventBus, already serialised, and the same bytes go to every client that wants them.
// Clients reconnecting with ?since get what they missed from this replica's history, else Redis's,
// else a replay_unavailable notice.
//
// The hub admits clients, counts them and plans replays on its own thread; the clients themselves
// live on HubShards, one thread each, which send them their events (docs/ARCHITECTURE.md).
class WebSocketHub : public QObject
{
    Q_OBJECT

public:
    // `shards` threads (0: one per core), each running the `eventLoop` dispatcher.
    WebSocketHub(HttpServer &http, EventBus &bus, ViewerPresence &presence, StreamService &streams,
                 Metrics &metrics, int shards, EventLoopKind eventLoop, HubLimits limits = {},
                 QObject *parent = nullptr);
    ~WebSocketHub() override;

    int viewers() const { return m_viewerCount; }
    int operators() const { return int(m_clients.size()) - m_viewerCount; }
    // Drops what is kept for an ended stream: its recent events and its last delivered seq.
    void forget(const QUuid &stream);
    int streamsRemembered() const { return m_order.streams(); }

    // Closes every client with 1001 (going away); `done` runs once they are gone or after a
    // deadline.
    void shutdown(std::function<void()> done);

private:
    struct Client
    {
        HubSession::Kind kind;
        QUuid stream;
        QByteArray presence; // a viewer's presence session
        HubShard *shard;
        QHostAddress peer;         // a viewer's, counted in m_viewersPerAddress
        bool countedViewer = true; // false: a stream's socket opened with a token
        bool counted() const { return kind == HubSession::Kind::Viewer && countedViewer; }
    };

    // An upgrade request that passed its route's check, its handshake not yet answered.
    void take(std::unique_ptr<QTcpSocket> socket, const HubUpgrade &upgrade);
    // Answers the upgrade request with an HTTP error instead, then closes.
    void refuse(std::unique_ptr<QTcpSocket> socket, const ApiError &error);
    void admit(QTcpSocket *socket, const HubUpgrade &upgrade);
    void deliver(const BusEvent &event);
    // The highest seq of the stream known here.
    qint64 latestSeq(const QUuid &stream) const;
    void onResubscribed();
    void onEnded(quint64 session);
    void onReplayRequested(quint64 session, qint64 since);
    // The part of a replay this replica no longer has: from Redis's longer history, sent to the
    // session's shard in parts, the last of which lets its live events through.
    void replayFromRedis(quint64 session, const QHash<QUuid, qint64> &since,
                         qsizetype budgetPerStream);
    HubShard *leastLoadedShard() const;
    void updateGauges();

    HttpServer &m_http;
    EventBus &m_bus;
    ViewerPresence &m_presence;
    StreamService &m_streams;
    Metrics &m_metrics;
    EventHistory m_history;
    EventOrder m_order; // what the bus delivers, back in seq order
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<HubShard *> m_shards; // each deleted on its own thread as that thread ends
    QHash<HubShard *, int> m_shardLoad;
    QHash<quint64, Client> m_clients;
    AddressLimit m_viewersPerAddress;
    quint64 m_lastSessionId = 0;
    int m_viewerCount = 0;
    bool m_shuttingDown = false;
};

} // namespace nova
