#include "broadcaster/session/stream_event_feed.h"

#include "shared/live_event.h"

#include <QNetworkRequest>

namespace nova {

namespace {
constexpr int kRetryMs = 3000;
}

StreamEventFeed::StreamEventFeed(QUrl apiUrl, QString token, QUuid stream, QObject *parent)
    : QObject(parent)
    , m_url(std::move(apiUrl))
    , m_authorization("Bearer " + token.toUtf8())
    , m_stream(stream)
{
    m_url.setScheme(m_url.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    m_url.setPath(
        QStringLiteral("/api/v1/streams/%1/ws").arg(m_stream.toString(QUuid::WithoutBraces)));
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &StreamEventFeed::open);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &StreamEventFeed::onMessage);
    connect(&m_socket, &QWebSocket::disconnected, &m_retry, qOverload<>(&QTimer::start));
    open();
}

StreamEventFeed::~StreamEventFeed()
{
    m_socket.disconnect(this);
    m_retry.stop();
    m_socket.abort();
}

void StreamEventFeed::open()
{
    QNetworkRequest request(m_url);
    request.setRawHeader("Authorization", m_authorization);
    m_socket.open(request);
}

void StreamEventFeed::onMessage(const QString &text)
{
    const auto event = LiveEvent::parse(text.toUtf8());
    if (!event || event->streamId != m_stream)
        return;
    if (event->name == QLatin1String(LiveEvent::kViewerCountChanged))
        emit viewerCountChanged(event->data.value(u"viewer_count").toInt());
    else if (event->name == QLatin1String(LiveEvent::kStreamEnded))
        emit streamEnded();
}

} // namespace nova
