#include "server/cache/redis_client.h"

#include "server/cache/redis_event_adapter.h"
#include "shared/api_error.h"
#include "shared/qt_compat.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QPromise>

#include <hiredis/async.h>

#include <vector>

namespace nova {

Q_LOGGING_CATEGORY(lcRedis, "nova.redis")

namespace {
constexpr std::chrono::milliseconds kMaxBackoff{5000};
constexpr std::chrono::milliseconds kDeadlineCheck{50};
} // namespace

// A command in flight; owned by hiredis's callback until it runs (it always runs: with the reply,
// or with nullptr when the context is freed).
struct RedisClient::Pending
{
    QPromise<RedisReply> promise;
    std::chrono::steady_clock::time_point deadline;
    RedisClient *client = nullptr; // nullptr once settled or orphaned
    bool settled = false;

    void settle(const RedisReply *reply, const char *failure)
    {
        if (settled)
            return;
        settled = true;
        if (reply)
            promise.addResult(*reply);
        else
            promise.setException(
                std::make_exception_ptr(ApiError::unavailable(QString::fromUtf8(failure))));
        promise.finish();
    }
};

RedisScript::RedisScript(QByteArray scriptSource)
    : source(std::move(scriptSource))
    , sha1(QCryptographicHash::hash(source, QCryptographicHash::Sha1).toHex())
{}

std::optional<RedisClient::Options> RedisClient::parseUrl(const QUrl &url, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<Options> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!url.isValid() || url.scheme() != u"redis")
        return fail(QStringLiteral("expected redis://[:password@]host[:port][/db]"));
    Options options;
    options.host = url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host();
    options.port = quint16(url.port(6379));
    options.password = url.password(QUrl::FullyDecoded).toUtf8();
    const QString path = url.path().mid(1);
    if (!path.isEmpty()) {
        bool ok = false;
        options.database = path.toInt(&ok);
        if (!ok || options.database < 0)
            return fail(QStringLiteral("the database in a redis:// URL is a number"));
    }
    return options;
}

RedisClient::RedisClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_deadlineTimer.setInterval(kDeadlineCheck);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &RedisClient::checkDeadlines);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisClient::connectNow);
}

RedisClient::~RedisClient()
{
    m_started = false;
    if (m_context) {
        redisAsyncContext *context = m_context;
        m_context = nullptr;
        context->data = nullptr;
        redisAsyncFree(context); // runs every pending callback with nullptr
    }
    for (Pending *pending : m_pending) {
        pending->settle(nullptr, "the server is shutting down");
        pending->client = nullptr;
    }
}

void RedisClient::start()
{
    m_started = true;
    m_deadlineTimer.start();
    connectNow();
}

void RedisClient::connectNow()
{
    if (!m_started || m_context)
        return;
    redisAsyncContext *context =
        redisAsyncConnect(m_options.host.toUtf8().constData(), m_options.port);
    if (!context || context->err) {
        qCWarning(lcRedis) << "cannot start connecting to Redis:"
                           << (context ? context->errstr : "out of memory");
        if (context)
            redisAsyncFree(context);
        m_lastConnectFailed = true;
        scheduleReconnect();
        return;
    }
    m_context = context;
    context->data = this;
    new RedisEventAdapter(context, this);
    redisAsyncSetConnectCallback(context, &RedisClient::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisClient::onDisconnect);

    // Queued ahead of everything else on this connection; replies checked in onConnect's wake.
    auto setup = [this](const QByteArrayList &arguments) {
        auto *pending = new Pending;
        pending->client = this;
        pending->deadline = std::chrono::steady_clock::now() + m_options.commandTimeout;
        pending->promise.start();
        pending->promise.future().then(this, [this](const RedisReply &reply) {
            if (reply.isError()) {
                qCWarning(lcRedis) << "Redis refused the connection setup:" << reply.text;
                dropConnection(QStringLiteral("setup refused"));
            }
        });
        send(arguments, pending);
    };
    if (!m_options.password.isEmpty())
        setup({"AUTH", m_options.password});
    if (m_options.database != 0)
        setup({"SELECT", QByteArray::number(m_options.database)});
    for (const QByteArray &channel : std::as_const(m_channels))
        sendSubscribe(channel);
}

void RedisClient::subscribe(const QByteArray &channel)
{
    if (m_channels.contains(channel))
        return;
    m_channels.append(channel);
    if (m_context)
        sendSubscribe(channel);
}

void RedisClient::sendSubscribe(const QByteArray &channel)
{
    const char *argv[] = {"SUBSCRIBE", channel.constData()};
    const size_t lengths[] = {9, size_t(channel.size())};
    // The callback stays registered for the life of the context: no deadline applies.
    redisAsyncCommandArgv(m_context, &RedisClient::onMessage, this, 2, argv, lengths);
}

void RedisClient::onMessage(redisAsyncContext *context, void *reply, void *)
{
    auto *self = static_cast<RedisClient *>(context->data);
    const auto *r = static_cast<const redisReply *>(reply);
    if (!self || !r || r->type != REDIS_REPLY_ARRAY || r->elements != 3)
        return;
    const redisReply *kind = r->element[0];
    if (kind->type != REDIS_REPLY_STRING || qstrncmp(kind->str, "message", 8) != 0)
        return; // subscribe confirmations
    emit self->message(QByteArray(r->element[1]->str, qsizetype(r->element[1]->len)),
                       QByteArray(r->element[2]->str, qsizetype(r->element[2]->len)));
}

QFuture<RedisReply> RedisClient::eval(const RedisScript &script, const QByteArrayList &keys,
                                      const QByteArrayList &arguments)
{
    const QByteArrayList tail = QByteArrayList{QByteArray::number(keys.size())} + keys + arguments;
    return command(QByteArrayList{"EVALSHA", script.sha1} + tail)
        .then(this,
              [this, source = script.source, tail](const RedisReply &reply) {
                  if (reply.isError() && reply.text.startsWith("NOSCRIPT"))
                      return command(QByteArrayList{"EVAL", source} + tail);
                  return readyFuture(reply);
              })
        .unwrap();
}

void RedisClient::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context after this callback.
        qCWarning(lcRedis).noquote()
            << "cannot connect to Redis at"
            << QStringLiteral("%1:%2").arg(self->m_options.host).arg(self->m_options.port) << "-"
            << context->errstr;
        self->m_context = nullptr;
        self->m_lastConnectFailed = true;
        self->scheduleReconnect();
        return;
    }
    self->m_connected = true;
    self->m_lastConnectFailed = false;
    self->m_backoff = std::chrono::milliseconds(100);
    qCInfo(lcRedis) << "connected to Redis";
    emit self->connected();
}

void RedisClient::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self)
        return;
    const bool wasConnected = self->m_connected;
    self->m_connected = false;
    self->m_context = nullptr; // freed by hiredis after this callback
    if (status != REDIS_OK)
        qCWarning(lcRedis) << "lost the Redis connection:" << context->errstr;
    if (wasConnected)
        emit self->disconnected();
    self->scheduleReconnect();
}

void RedisClient::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    auto *pending = static_cast<Pending *>(privdata);
    if (RedisClient *self = pending->client) {
        auto &queue = self->m_pending;
        const auto it = std::find(queue.begin(), queue.end(), pending);
        if (it != queue.end())
            queue.erase(it);
    }
    if (reply) {
        const RedisReply copy = RedisReply::from(*static_cast<redisReply *>(reply));
        pending->settle(&copy, nullptr);
    } else {
        pending->settle(nullptr, "the Redis connection was lost");
    }
    delete pending;
}

void RedisClient::scheduleReconnect()
{
    if (!m_started || m_reconnectTimer.isActive())
        return;
    m_reconnectTimer.start(m_backoff);
    m_backoff = std::min(kMaxBackoff, m_backoff * 2);
}

void RedisClient::dropConnection(const QString &reason)
{
    if (!m_context)
        return;
    qCWarning(lcRedis).noquote() << "dropping the Redis connection:" << reason;
    redisAsyncContext *context = m_context;
    // Frees the context: pending callbacks run with nullptr, then onDisconnect (if connected).
    redisAsyncFree(context);
    if (m_context == context) { // it was never connected, so onDisconnect did not run
        m_context = nullptr;
        scheduleReconnect();
    }
}

void RedisClient::checkDeadlines()
{
    if (m_pending.empty())
        return;
    if (std::chrono::steady_clock::now() < m_pending.front()->deadline)
        return;
    // Everything queued behind a late reply is late too.
    std::vector<Pending *> late(m_pending.begin(), m_pending.end());
    for (Pending *pending : late)
        pending->settle(nullptr, "Redis did not answer in time");
    dropConnection(QStringLiteral("a command missed its deadline"));
}

void RedisClient::send(const QByteArrayList &arguments, Pending *pending)
{
    std::vector<const char *> argv;
    std::vector<size_t> argvlen;
    argv.reserve(size_t(arguments.size()));
    argvlen.reserve(size_t(arguments.size()));
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        argvlen.push_back(size_t(argument.size()));
    }
    if (redisAsyncCommandArgv(m_context, &RedisClient::onReply, pending, int(argv.size()),
                              argv.data(), argvlen.data()) != REDIS_OK) {
        pending->settle(nullptr, "Redis is unavailable");
        delete pending;
        return;
    }
    m_pending.push_back(pending);
}

QFuture<RedisReply> RedisClient::command(const QByteArrayList &arguments)
{
    auto *pending = new Pending;
    pending->client = this;
    pending->deadline = std::chrono::steady_clock::now() + m_options.commandTimeout;
    pending->promise.start();
    QFuture<RedisReply> future = pending->promise.future();
    if (!m_context || !m_connected) {
        pending->settle(nullptr, "Redis is unavailable");
        delete pending;
        return future;
    }
    send(arguments, pending);
    return future;
}

} // namespace nova
