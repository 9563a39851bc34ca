#pragma once

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QUuid>
#include <QWebSocket>

namespace nova {

// One stream's live events for the window: its viewer count as it changes, and its end. Listens on
// the stream's socket with the token (an operator's or the owner's), which the server does not
// count as a viewer; reconnects every few seconds while the server is away.
class StreamEventFeed : public QObject
{
    Q_OBJECT

public:
    StreamEventFeed(QUrl apiUrl, QString token, QUuid stream, QObject *parent = nullptr);
    ~StreamEventFeed() override;

signals:
    void viewerCountChanged(int viewers);
    void streamEnded();

private:
    void open();
    void onMessage(const QString &text);

    QUrl m_url;
    QByteArray m_authorization;
    QUuid m_stream;
    QWebSocket m_socket;
    QTimer m_retry;
};

} // namespace nova
