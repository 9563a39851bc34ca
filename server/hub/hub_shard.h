#pragma once

#include "server/cache/bus_event.h"
#include "server/hub/hub_session.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUuid>
#include <QWebSocketServer>

class QTcpSocket;

namespace nova {

class Metrics;

// A share of the hub's clients, served by a thread of its own. It delivers events to its
// sessions, keeps them alive, answers their pings and drops those that do not keep up. Sharding
// is what lets one broadcast to many thousands of clients use every core, and it keeps each
// thread's poll() over its own sockets only: a loop's every turn costs time in its socket count.
//
// The public calls may come from any thread: each queues its work on the shard's thread, so
// events, replays and adoptions reach a client in the order the hub made them.
class HubShard : public QObject
{
    Q_OBJECT

public:
    // `replaysPerMinute`: what one session may ask for (HubLimits).
    HubShard(Metrics &metrics, int replaysPerMinute);
    ~HubShard() override;

    // Takes an admitted client whose WebSocket handshake is still to be read, its socket already
    // moved to this shard's thread. `replay` is sent before any live event; with `moreReplay`,
    // live events wait for replay(..., last = true).
    void adopt(QTcpSocket *socket, quint64 session, HubSession::Kind kind, QUuid stream,
               QList<HubSession::Delivery> replay, bool moreReplay);
    void deliver(const BusEvent &event);
    // Sends `notice` (if any) then `events`; the last part of a replay lets live events through.
    void replay(quint64 session, QByteArray notice, QList<HubSession::Delivery> events, bool last);
    // Thread-safe: an ended stream is forgotten by this shard's operators too.
    void forget(const QUuid &stream);
    void closeAll(QWebSocketProtocol::CloseCode code, const QString &reason);

signals:
    void ended(quint64 session); // the client is gone: closed, dropped or lost
    // A viewer asked for {"type":"replay"}: live events wait until the hub answers.
    void replayRequested(quint64 session, qint64 since);

private:
    void onAdopt(QTcpSocket *socket, quint64 session, HubSession::Kind kind, QUuid stream,
                 const QList<HubSession::Delivery> &replay, bool moreReplay);
    void onHandshakes();
    void onEvent(const BusEvent &event);
    void onReplay(quint64 session, const QByteArray &notice,
                  const QList<HubSession::Delivery> &events, bool last);
    void onMessage(HubSession *session, const QString &text);
    void onDisconnected(quint64 session);
    void drop(HubSession *session);
    void keepAlive();

    Metrics &m_metrics;
    int m_replaysPerMinute;
    QWebSocketServer m_handshakes; // reads handshakes only: it listens on no port
    // Sessions whose handshake is under way, by their peer: a finished handshake names only that.
    using Peer = QPair<QHostAddress, quint16>;
    struct Handshake
    {
        quint64 session = 0;
        QPointer<QTcpSocket> socket;
    };
    QHash<Peer, Handshake> m_handshaking;
    QHash<quint64, HubSession *> m_sessions; // owned
    QHash<QUuid, QSet<HubSession *>> m_viewers;
    QSet<HubSession *> m_operators;
    QTimer m_keepAlive;
};

} // namespace nova
