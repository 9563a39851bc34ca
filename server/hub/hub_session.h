#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QUuid>
#include <QWebSocket>

#include <deque>
#include <memory>

class QTcpSocket;

namespace nova {

// One WebSocket client of the hub: a viewer of one stream or an operator of all. It keeps the
// socket's promises: frames are sent in seq order per stream (and never twice), a client that does
// not read is cut off before it can grow the server's memory, and one that stopped answering pings
// is closed. A session starts before its handshake ends: what it is sent meanwhile waits for
// attach(), so a client misses nothing published after it was admitted.
class HubSession : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Viewer,
        Operator
    };
    static constexpr qint64 kMaxPendingBytes = 1 << 20;

    // One event for one client: replays are lists of these.
    struct Delivery
    {
        QUuid stream;
        qint64 seq;
        QByteArray json;
    };

    HubSession(Kind kind, QUuid stream, quint64 id = 0, QObject *parent = nullptr);
    HubSession(std::unique_ptr<QWebSocket> socket, QTcpSocket &transport, Kind kind, QUuid stream,
               quint64 id = 0, QObject *parent = nullptr);
    ~HubSession() override;

    // The client's socket, once its handshake is done, and the TCP socket under it (which the
    // WebSocket owns): events are written to that directly. What waited goes out now.
    void attach(std::unique_ptr<QWebSocket> socket, QTcpSocket &transport);
    bool isAttached() const { return m_socket != nullptr; }
    QWebSocket *socket() const { return m_socket.get(); }

    Kind kind() const { return m_kind; }
    const QUuid &stream() const { return m_stream; }
    quint64 id() const { return m_id; }

    // Sends an event unless this client already has it (or a later one) from that stream; held
    // while a replay is on. False when the client had to be dropped as too slow.
    bool deliver(const QUuid &stream, qint64 seq, const QByteArray &json);
    // The same, for the replay itself: never held.
    bool deliverNow(const QUuid &stream, qint64 seq, const QByteArray &json);
    bool sendNotice(const QByteArray &json);
    // An ended stream the hub no longer remembers: what was delivered of it goes too (an operator
    // hears of every stream, and would otherwise keep one entry per stream it ever saw).
    void forget(const QUuid &stream) { m_delivered.remove(stream); }
    int streamsRemembered() const { return int(m_delivered.size()); }

    // While replaying, live events wait so that the client sees every stream's events in order.
    void holdLiveEvents() { m_holding = true; }
    bool releaseLiveEvents(); // false: too slow
    bool isHolding() const { return m_holding; }

    // Whether one more replay may be served at `nowMs`: at most `perMinute` in any minute.
    bool allowReplay(qint64 nowMs, int perMinute);

    // Keepalive: ping if quiet for a while; true when the client stopped answering altogether.
    bool keepAlive(qint64 nowMs);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

private:
    bool send(const QByteArray &json);
    void write(const QByteArray &json);

    std::unique_ptr<QWebSocket> m_socket;
    QTcpSocket *m_transport = nullptr; // under m_socket, owned by it
    Kind m_kind;
    QUuid m_stream;
    quint64 m_id;
    QHash<QUuid, qint64> m_delivered;
    QList<Delivery> m_held;
    std::deque<qint64> m_replaysMs; // when the replays of the last minute were asked for
    QList<QByteArray> m_unattached; // sent before the handshake ended
    bool m_holding = false;
    qint64 m_queuedBytes = 0; // sent to the socket (or waiting for it), not yet on the network
    qint64 m_lastHeardMs = 0;
    qint64 m_lastPingMs = 0;
    bool m_closing = false;
    QWebSocketProtocol::CloseCode m_closeCode = QWebSocketProtocol::CloseCodeNormal;
    QString m_closeReason;
};

} // namespace nova
