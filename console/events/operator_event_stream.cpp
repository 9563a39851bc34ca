#include "console/events/operator_event_stream.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>

namespace nova {

namespace {
constexpr int kFirstRetryMs = 500;
constexpr int kLongestRetryMs = 10'000;
// The server takes at most this many streams in ?since; the most recent matter most.
constexpr int kMaxSinceStreams = 100;
} // namespace

OperatorEventStream::OperatorEventStream(QUrl apiUrl, QString token, QObject *parent)
    : QObject(parent)
    , m_apiUrl(std::move(apiUrl))
{
    if (!token.isEmpty())
        m_authorization = "Bearer " + token.toUtf8();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &OperatorEventStream::connectNow);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_failures = 0;
        setState(State::Connected, {});
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &OperatorEventStream::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, &OperatorEventStream::onDisconnected);
    // A refused upgrade (401, nothing listening) may end without a disconnected().
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0) // the signal's name in Qt 6.5 and later
    constexpr auto errorSignal = &QWebSocket::errorOccurred;
#else
    constexpr auto errorSignal = qOverload<QAbstractSocket::SocketError>(&QWebSocket::error);
#endif
    connect(&m_socket, errorSignal, this, [this] {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
}

OperatorEventStream::~OperatorEventStream()
{
    // The socket reports its own close while being destroyed: nothing here must hear it.
    m_socket.disconnect(this);
}

void OperatorEventStream::start()
{
    connectNow();
}

QString OperatorEventStream::sinceParameter() const
{
    QList<std::pair<QUuid, qint64>> entries;
    for (auto it = m_lastSeq.cbegin(); it != m_lastSeq.cend(); ++it)
        entries.append({it.key(), it.value()});
    std::sort(entries.begin(), entries.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList items;
    for (const auto &[id, seq] : entries.mid(0, kMaxSinceStreams))
        items.append(id.toString(QUuid::WithoutBraces) + u':' + QString::number(seq));
    return items.join(u',');
}

void OperatorEventStream::connectNow()
{
    QUrl url = m_apiUrl;
    url.setScheme(url.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) +
                QStringLiteral("/api/v1/events/ws"));
    const QString since = sinceParameter();
    if (!since.isEmpty())
        url.setQuery(QStringLiteral("since=") + since);
    QNetworkRequest request(url);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    setState(State::Connecting, {});
    m_socket.open(request);
}

void OperatorEventStream::onText(const QString &text)
{
    const QByteArray json = text.toUtf8();
    if (auto event = LiveEvent::parse(json)) {
        qint64 &last = m_lastSeq[event->streamId];
        if (event->seq <= last)
            return; // a replayed event we already had
        last = event->seq;
        emit eventReceived(*event);
        return;
    }
    const QJsonObject notice = QJsonDocument::fromJson(json).object();
    if (notice.value(u"event").toString() == u"replay_unavailable") {
        const QUuid id =
            QUuid::fromString(notice.value(u"data").toObject().value(u"stream_id").toString());
        if (!id.isNull())
            emit replayUnavailable(id);
    }
}

void OperatorEventStream::onDisconnected()
{
    if (m_retry.isActive())
        return; // already told
    QString reason = m_socket.closeReason();
    if (reason.isEmpty())
        reason = m_socket.errorString();
    if (reason.isEmpty() || reason == u"Unknown error")
        reason = QStringLiteral("connection closed (code %1)").arg(int(m_socket.closeCode()));
    const int delay = std::min(kFirstRetryMs << std::min(m_failures, 5), kLongestRetryMs);
    ++m_failures;
    setState(State::Disconnected,
             QStringLiteral("%1; retrying in %2 s").arg(reason).arg(double(delay) / 1000.0));
    m_retry.start(delay);
}

void OperatorEventStream::setState(State state, const QString &reason)
{
    if (state == m_state && reason == m_reason)
        return;
    m_state = state;
    m_reason = reason;
    emit stateChanged(state, reason);
}

} // namespace nova
