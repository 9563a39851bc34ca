#include "server/hub/hub_session.h"

#include "server/hub/text_frame_writer.h"

#include <QDateTime>
#include <QTcpSocket>

namespace nova {

namespace {
constexpr qint64 kPingEveryMs = 20'000;
constexpr qint64 kDeadAfterMs = 60'000;
constexpr qint64 kFrameOverhead = 10; // header bytes of a server text frame, at most

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

HubSession::HubSession(Kind kind, QUuid stream, quint64 id, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_stream(stream)
    , m_id(id)
{}

HubSession::HubSession(std::unique_ptr<QWebSocket> socket, QTcpSocket &transport, Kind kind,
                       QUuid stream, quint64 id, QObject *parent)
    : HubSession(kind, stream, id, parent)
{
    attach(std::move(socket), transport);
}

HubSession::~HubSession() = default;

void HubSession::attach(std::unique_ptr<QWebSocket> socket, QTcpSocket &transport)
{
    m_socket = std::move(socket);
    m_transport = &transport;
    m_lastHeardMs = nowMs();
    m_lastPingMs = m_lastHeardMs;
    connect(m_transport, &QTcpSocket::bytesWritten, this,
            [this](qint64 bytes) { m_queuedBytes = std::max<qint64>(0, m_queuedBytes - bytes); });
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_lastHeardMs = nowMs(); });
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this,
            [this] { m_lastHeardMs = nowMs(); });
    m_queuedBytes = 0; // what waited is counted again as it is written
    for (const QByteArray &json : std::exchange(m_unattached, {}))
        write(json);
    if (m_closing)
        m_socket->close(m_closeCode, m_closeReason);
}

bool HubSession::send(const QByteArray &json)
{
    if (m_closing)
        return true;
    if (m_queuedBytes > kMaxPendingBytes)
        return false;
    if (m_socket) {
        write(json);
    } else {
        m_unattached.append(json);
        m_queuedBytes += json.size() + kFrameOverhead;
    }
    return true;
}

void HubSession::write(const QByteArray &json)
{
    // Out now, not at the socket's next turn in the event loop: with thousands of clients the
    // loop's turns are what makes a broadcast slow.
    m_queuedBytes += TextFrameWriter::write(*m_transport, json);
}

bool HubSession::deliver(const QUuid &stream, qint64 seq, const QByteArray &json)
{
    if (m_holding) {
        m_held.append({stream, seq, json});
        return true;
    }
    return deliverNow(stream, seq, json);
}

bool HubSession::deliverNow(const QUuid &stream, qint64 seq, const QByteArray &json)
{
    qint64 &delivered = m_delivered[stream];
    if (seq <= delivered)
        return true; // had it already (replay and live overlap)
    if (!send(json))
        return false;
    delivered = seq;
    return true;
}

bool HubSession::sendNotice(const QByteArray &json)
{
    return send(json);
}

bool HubSession::releaseLiveEvents()
{
    m_holding = false;
    const QList<Delivery> held = std::exchange(m_held, {});
    for (const Delivery &event : held) {
        if (!deliverNow(event.stream, event.seq, event.json))
            return false;
    }
    return true;
}

bool HubSession::allowReplay(qint64 nowMs, int perMinute)
{
    constexpr qint64 kMinuteMs = 60'000;
    while (!m_replaysMs.empty() && m_replaysMs.front() <= nowMs - kMinuteMs)
        m_replaysMs.pop_front();
    if (perMinute > 0 && qsizetype(m_replaysMs.size()) >= perMinute)
        return false;
    m_replaysMs.push_back(nowMs);
    return true;
}

bool HubSession::keepAlive(qint64 now)
{
    if (!m_socket)
        return false; // its handshake is still under way
    if (now - m_lastHeardMs > kDeadAfterMs)
        return true;
    if (now - m_lastPingMs >= kPingEveryMs && now - m_lastHeardMs >= kPingEveryMs) {
        m_lastPingMs = now;
        m_socket->ping();
    }
    return false;
}

void HubSession::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_closeCode = code;
    m_closeReason = reason;
    if (m_socket)
        m_socket->close(code, reason);
}

} // namespace nova
