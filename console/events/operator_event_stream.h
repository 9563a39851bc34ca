#pragma once

#include "shared/live_event.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QUuid>
#include <QWebSocket>

namespace nova {

// The operator's WebSocket of every stream's events (GET /api/v1/events/ws with the token).
// Reconnects by itself with growing back-off, asking with ?since=ID:SEQ,... for what it missed,
// and hands each event on exactly once, in order per stream. When the server can no longer
// replay a gap it says so (replayUnavailable) so that the caller re-reads that state instead.
class OperatorEventStream : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Connecting,
        Connected,
        Disconnected, // waiting to reconnect; reason() says why
    };
    Q_ENUM(State)

    OperatorEventStream(QUrl apiUrl, QString token, QObject *parent = nullptr);
    ~OperatorEventStream() override;

    void start();
    State state() const { return m_state; }
    const QString &reason() const { return m_reason; }
    // The ?since value the next connection will send ("ID:SEQ,ID:SEQ").
    QString sinceParameter() const;

signals:
    void eventReceived(const nova::LiveEvent &event);
    void replayUnavailable(const QUuid &streamId);
    void stateChanged(nova::OperatorEventStream::State state, const QString &reason);

private:
    void connectNow();
    void onText(const QString &text);
    void onDisconnected();
    void setState(State state, const QString &reason);

    QUrl m_apiUrl;
    QByteArray m_authorization;
    QWebSocket m_socket;
    QTimer m_retry;
    int m_failures = 0;
    State m_state = State::Disconnected;
    QString m_reason;
    QHash<QUuid, qint64> m_lastSeq;
};

} // namespace nova
