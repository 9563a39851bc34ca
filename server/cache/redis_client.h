#pragma once

#include "server/cache/redis_reply.h"

#include <QByteArrayList>
#include <QFuture>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <optional>

struct redisAsyncContext;

namespace nova {

// A Lua script for EVALSHA: its source and SHA-1, computed once.
struct RedisScript
{
    explicit RedisScript(QByteArray source);
    QByteArray source;
    QByteArray sha1;
};

// One asynchronous Redis connection on the Qt event loop (hiredis). Connects in the background and
// reconnects with growing delays; every command has a deadline (hiredis has none), and a command
// that misses it fails along with everything queued behind it, and the connection is rebuilt: on
// one connection replies come in order, so a late reply means a stuck server. While disconnected,
// commands fail at once with ApiError 503 instead of queueing.
class RedisClient : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 6379;
        QByteArray password;
        int database = 0;
        std::chrono::milliseconds commandTimeout{1000};
    };

    // redis://[:password@]host[:port][/db]; nullopt with a reason for anything else.
    static std::optional<Options> parseUrl(const QUrl &url, QString *error);

    explicit RedisClient(Options options, QObject *parent = nullptr);
    ~RedisClient() override;

    void start();
    bool isConnected() const { return m_connected; }
    // Not connected, and the last try to connect failed: nothing sent on an earlier connection can
    // still run (a Redis that merely stops answering still takes connections).
    bool isKnownDown() const { return !m_connected && m_lastConnectFailed; }

    QFuture<RedisReply> command(const QByteArrayList &arguments);
    // Runs `script` by its SHA-1, sending the source only when Redis does not have it (first use,
    // or after Redis restarted).
    QFuture<RedisReply> eval(const RedisScript &script, const QByteArrayList &keys,
                             const QByteArrayList &arguments);

    // Puts this connection in subscribe mode: it then carries only the messages of its channels
    // (message()), and resubscribes after every reconnect. Use a client of its own for this.
    void subscribe(const QByteArray &channel);

signals:
    void connected();
    void disconnected();
    void message(const QByteArray &channel, const QByteArray &payload);

private:
    struct Pending;

    void connectNow();
    void scheduleReconnect();
    void checkDeadlines();
    void dropConnection(const QString &reason);
    void send(const QByteArrayList &arguments, Pending *pending);

    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onMessage(redisAsyncContext *context, void *reply, void *privdata);
    void sendSubscribe(const QByteArray &channel);

    Options m_options;
    redisAsyncContext *m_context = nullptr;
    bool m_connected = false;
    bool m_lastConnectFailed = false;
    bool m_started = false;
    std::deque<Pending *> m_pending; // in send order, which is reply order
    QTimer m_deadlineTimer;
    QTimer m_reconnectTimer;
    std::chrono::milliseconds m_backoff{100};
    QByteArrayList m_channels;
};

} // namespace nova
