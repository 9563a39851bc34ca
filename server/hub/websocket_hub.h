#pragma once

#include "server/cache/bus_event.h"
#include "server/hub/event_history.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <memory>

class QWebSocket;

namespace nova {

class EventBus;
class HttpServer;
class HubSession;
class Metrics;
class StreamService;
class ViewerPresence;

// Pushes live events to WebSocket clients: viewers of one stream (/api/v1/streams/{id}/ws, each a
// viewer in the presence count) and operators of all (/api/v1/events/ws). Every event arrives once
// from the EventBus, already serialised, and the same bytes go to every client that wants them.
// Clients reconnecting with ?since get what they missed from this replica's history, else Redis's,
// else a replay_unavailable notice. Slow, silent or misbehaving clients are closed.
class WebSocketHub : public QObject
{
    Q_OBJECT

public:
    WebSocketHub(HttpServer &http, EventBus &bus, ViewerPresence &presence, StreamService &streams,
                 Metrics &metrics, QObject *parent = nullptr);
    ~WebSocketHub() override;

    int viewers() const { return m_viewerCount; }
    int operators() const { return int(m_operators.size()); }

    // Closes every client with 1001 (going away); `done` runs once they are gone or after a
    // deadline.
    void shutdown(std::function<void()> done);

private:
    void acceptPending();
    void accept(std::unique_ptr<QWebSocket> socket);
    void admit(HubSession *session, const QString &since);
    void onEvent(const BusEvent &event);
    void onResubscribed();
    void onMessage(HubSession *session, const QString &text);
    void replay(HubSession *session, const QHash<QUuid, qint64> &since);
    void replayFromRedis(HubSession *session, const QUuid &stream, qint64 since);
    void drop(HubSession *session);
    void remove(HubSession *session);
    void keepAlive();
    void updateGauges();

    HttpServer &m_http;
    EventBus &m_bus;
    ViewerPresence &m_presence;
    StreamService &m_streams;
    Metrics &m_metrics;
    EventHistory m_history;
    QHash<QUuid, qint64> m_lastSeq; // delivered, per stream: events arrive in order or not at all
    QHash<QUuid, QSet<HubSession *>> m_viewers;
    QSet<HubSession *> m_operators;
    int m_viewerCount = 0;
    QTimer m_keepAlive;
    bool m_shuttingDown = false;
};

} // namespace nova
