#include "tests/support/live_client.h"

#include "tests/support/stack_env.h"

#include <QDeadlineTimer>
#include <QNetworkRequest>
#include <QTest>
#include <QUrlQuery>

namespace nova::test {

bool seqsRunWithoutGaps(const QList<LiveEvent> &events)
{
    for (qsizetype i = 1; i < events.size(); ++i)
        if (events.at(i).seq != events.at(i - 1).seq + 1)
            return false;
    return true;
}

LiveClient::LiveClient(const QString &streamId, const QString &since, const QUrl &apiUrl,
                       const QString &viewerId)
{
    QUrl url = apiUrl.isEmpty() ? StackEnv::get().apiUrl : apiUrl;
    url.setScheme(QStringLiteral("ws"));
    url.setPath(streamId.isEmpty() ? QStringLiteral("/api/v1/events/ws")
                                   : QStringLiteral("/api/v1/streams/%1/ws").arg(streamId));
    QUrlQuery query;
    if (!since.isEmpty())
        query.addQueryItem(QStringLiteral("since"), since);
    if (!viewerId.isEmpty())
        query.addQueryItem(QStringLiteral("viewer"), viewerId);
    url.setQuery(query);
    QNetworkRequest request(url);
    if (streamId.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + StackEnv::get().adminToken.toUtf8());
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QByteArray bytes = text.toUtf8();
        m_raw.append(bytes);
        if (auto event = LiveEvent::parse(bytes))
            m_events.append(*event);
    });
    m_socket.open(request);
}

bool LiveClient::waitConnected(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired())
        QTest::qWait(10);
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

std::optional<LiveEvent> LiveClient::waitFor(const QString &name, int timeoutMs,
                                             const std::function<bool(const LiveEvent &)> &accept)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        for (const LiveEvent &event : std::as_const(m_events)) {
            if (event.name == name && (!accept || accept(event)))
                return event;
        }
        if (deadline.hasExpired())
            return std::nullopt;
        QTest::qWait(10);
    }
}

bool LiveClient::waitClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(10);
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

QList<LiveEvent> LiveClient::eventsNamed(const QString &name) const
{
    QList<LiveEvent> out;
    for (const LiveEvent &event : m_events) {
        if (event.name == name)
            out.append(event);
    }
    return out;
}

} // namespace nova::test
