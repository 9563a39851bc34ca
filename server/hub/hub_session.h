#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QUuid>
#include <QWebSocket>

#include <memory>

namespace nova {

// One WebSocket client of the hub: a viewer of one stream or an operator of all. It keeps the
// socket's promises: frames are sent in seq order per stream (and never twice), a client that does
// not read is cut off before it can grow the server's memory, and one that stopped answering pings
// is closed.
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

    HubSession(std::unique_ptr<QWebSocket> socket, Kind kind, QUuid stream, QObject *parent);
    ~HubSession() override;

    Kind kind() const { return m_kind; }
    const QUuid &stream() const { return m_stream; }
    QWebSocket &socket() { return *m_socket; }
    QByteArray presence; // the viewer's presence session, if any

    // Sends an event unless this client already has it (or a later one) from that stream; held
    // while a replay is on. False when the client had to be dropped as too slow.
    bool deliver(const QUuid &stream, qint64 seq, const QByteArray &json);
    // The same, for the replay itself: never held.
    bool deliverNow(const QUuid &stream, qint64 seq, const QByteArray &json);
    bool sendNotice(const QByteArray &json);

    // While replaying, live events wait so that the client sees every stream's events in order.
    void holdLiveEvents() { m_holding = true; }
    bool releaseLiveEvents(); // false: too slow
    bool isHolding() const { return m_holding; }

    // Keepalive: ping if quiet for a while; true when the client stopped answering altogether.
    bool keepAlive(qint64 nowMs);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

private:
    struct Held
    {
        QUuid stream;
        qint64 seq;
        QByteArray json;
    };
    bool send(const QByteArray &json);

    std::unique_ptr<QWebSocket> m_socket;
    Kind m_kind;
    QUuid m_stream;
    QHash<QUuid, qint64> m_delivered;
    QList<Held> m_held;
    bool m_holding = false;
    qint64 m_queuedBytes = 0; // sent to the socket, not yet written to the network
    qint64 m_lastHeardMs = 0;
    qint64 m_lastPingMs = 0;
    bool m_closing = false;
};

} // namespace nova
