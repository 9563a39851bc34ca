#pragma once

#include "shared/live_event.h"

#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

namespace nova::test {

// A WebSocket client of the hub as a viewer's page or an operator's console would be: it connects,
// collects every event it receives, and lets a test wait (on signals, with a deadline) for one.
// Whether the events' seqs run on by one, none missing and none twice.
bool seqsRunWithoutGaps(const QList<LiveEvent> &events);

class LiveClient : public QObject
{
    Q_OBJECT

public:
    // A viewer of `streamId`, or (empty id) an operator with the stack's token. `since` as the
    // API takes it ("12", or "ID:12,ID:3" for operators).
    // `viewerId`: the name a watch page gives its viewer (?viewer=).
    explicit LiveClient(const QString &streamId = {}, const QString &since = {},
                        const QUrl &apiUrl = {}, const QString &viewerId = {});

    bool waitConnected(int timeoutMs = 5000);
    // The first received event of `name` (for which `accept` holds), waiting if need be.
    std::optional<LiveEvent> waitFor(const QString &name, int timeoutMs,
                                     const std::function<bool(const LiveEvent &)> &accept = {});
    bool waitClosed(int timeoutMs);

    const QList<LiveEvent> &events() const { return m_events; }
    QList<LiveEvent> eventsNamed(const QString &name) const;
    const QList<QByteArray> &raw() const { return m_raw; }
    QWebSocket &socket() { return m_socket; }
    void close() { m_socket.close(); }

private:
    QWebSocket m_socket;
    QList<LiveEvent> m_events;
    QList<QByteArray> m_raw;
};

} // namespace nova::test
