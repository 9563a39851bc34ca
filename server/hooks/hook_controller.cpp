#include "server/hooks/hook_controller.h"

#include "server/hooks/hook_access.h"
#include "server/hooks/hook_form.h"
#include "server/hooks/publish_rate_limiter.h"
#include "server/http/router.h"
#include "server/streams/stream_key.h"
#include "server/streams/stream_service.h"
#include "shared/api_error.h"

#include <QLoggingCategory>

namespace nova {

Q_LOGGING_CATEGORY(lcHooks, "nova.hooks")

namespace {
QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

// Publisher or player details for logs: never the key.
QString who(const HookForm &form, const QString &node)
{
    return QStringLiteral("addr=%1 node=%2 client=%3")
        .arg(form.value(QStringLiteral("addr")).left(64), node,
             form.value(QStringLiteral("clientid")).left(32));
}

// The publisher a hook speaks of: its client id is that of the node that sent the hook.
Publisher publisherOf(const HookForm &form, const QString &node)
{
    return {node, form.value(QStringLiteral("clientid")).left(64)};
}

HttpResponse ok(const QString &outcome)
{
    return HttpResponse::json(200, {{QStringLiteral("status"), outcome}});
}

ApiError notAKey()
{
    return ApiError::forbidden(QStringLiteral("the stream key is not valid"));
}
} // namespace

HookController::HookController(StreamService &service, const HookAccess &access,
                               PublishRateLimiter &limiter, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_access(access)
    , m_limiter(limiter)
{}

void HookController::registerRoutes(Router &router)
{
    using M = Router::Method;
    const auto route = [&](const char *name,
                           void (HookController::*handler)(const HttpRequest &, HttpReply &)) {
        router.add(
            M::Post, QStringLiteral("/hooks/rtmp/") + QLatin1StringView(name),
            [this, handler](const HttpRequest &rq, HttpReply &rp) { (this->*handler)(rq, rp); });
    };
    route("on_publish", &HookController::onPublish);
    route("on_publish_done", &HookController::onPublishDone);
    route("on_update", &HookController::onUpdate);
    route("on_play", &HookController::onPlay);
    route("on_play_done", &HookController::onPlayDone);
}

HookForm HookController::readForm(const HttpRequest &request, const QStringList &calls,
                                  QString *node) const
{
    const QString sender = m_access.require(request);
    if (node)
        *node = sender;
    auto form = HookForm::parse(request.body());
    if (!form)
        throw ApiError::badRequest(QStringLiteral("the hook body is not a form"),
                                   QStringLiteral("invalid_form"));
    if (!calls.contains(form->value(QStringLiteral("call"))))
        throw ApiError::badRequest(QStringLiteral("expected call=%1").arg(calls.join(u'|')),
                                   QStringLiteral("invalid_form"));
    if (form->value(QStringLiteral("name")).isEmpty())
        throw ApiError::badRequest(QStringLiteral("the hook has no stream name"),
                                   QStringLiteral("invalid_form"));
    return *form;
}

void HookController::onPublish(const HttpRequest &request, HttpReply &reply)
{
    QString node;
    const HookForm form = readForm(request, {QStringLiteral("publish")}, &node);
    const QString address = form.value(QStringLiteral("addr"));
    const QString publisher = who(form, node);

    const auto key = StreamKey::parse(form.value(QStringLiteral("name")));
    if (!key) {
        qCInfo(lcHooks).noquote() << "publish refused: not a stream key," << publisher;
        throw refusedKey(address);
    }

    auto answer =
        m_service.publish(*key, publisherOf(form, node), address)
            .then([publisher](const Stream &stream) {
                qCInfo(lcHooks).noquote()
                    << "publish accepted: stream" << idText(stream.id) << publisher;
                return HttpResponse::redirect(idText(stream.id).toLatin1());
            })
            .onFailed(this, [this, publisher, address](const ApiError &error) -> HttpResponse {
                qCInfo(lcHooks).noquote() << "publish refused:" << error.message() << publisher;
                if (error.status() == 403)
                    throw refusedKey(address);
                throw error;
            });
    replyWhenReady(std::move(answer), this, std::move(reply));
}

ApiError HookController::refusedKey(const QString &address)
{
    // Only a wrong key spends a token: the right key is never held back, whoever shares the
    // address.
    std::chrono::seconds retryAfter{};
    if (m_limiter.recordFailure(address, PublishRateLimiter::Clock::now(), &retryAfter))
        return notAKey();
    return ApiError::tooManyRequests(
        QStringLiteral("too many wrong stream keys from this address; try again later"),
        int(retryAfter.count()));
}

void HookController::onPublishDone(const HttpRequest &request, HttpReply &reply)
{
    QString node;
    const HookForm form = readForm(request, {QStringLiteral("publish_done")}, &node);
    const auto key = StreamKey::parse(form.value(QStringLiteral("name")));
    if (!key)
        throw notAKey();

    const QString publisher = who(form, node);
    auto answer =
        m_service.publishDone(*key, publisherOf(form, node))
            .then([publisher](const std::optional<Stream> &stream) {
                if (stream)
                    qCInfo(lcHooks).noquote() << "publish done: stream" << idText(stream->id)
                                              << "waits for its publisher," << publisher;
                else
                    qCInfo(lcHooks).noquote()
                        << "publish done from a replaced or ended publisher, ignored," << publisher;
                return ok(stream ? QStringLiteral("reconnecting") : QStringLiteral("ignored"));
            })
            .onFailed([publisher](const ApiError &error) -> HttpResponse {
                // nginx never sends a done again: what the database makes of it later (or the
                // reconciler, if it never got it) is told through the event outbox.
                if (error.status() == 503)
                    qCWarning(lcHooks).noquote()
                        << "publish done not answered in time:" << error.message() << publisher;
                throw error;
            });
    replyWhenReady(std::move(answer), this, std::move(reply));
}

void HookController::onUpdate(const HttpRequest &request, HttpReply &reply)
{
    QString node;
    const HookForm form = readForm(
        request,
        {QStringLiteral("update_publish"), QStringLiteral("update_play"), QStringLiteral("update")},
        &node);
    if (form.value(QStringLiteral("call")) != u"update_publish") {
        reply.send(ok(QStringLiteral("ok"))); // players are checked when they start
        return;
    }
    const auto key = StreamKey::parse(form.value(QStringLiteral("name")));
    if (!key)
        throw notAKey();
    const QString publisher = who(form, node);
    auto answer = m_service.confirmPublisher(*key, publisherOf(form, node))
                      .then([] { return ok(QStringLiteral("ok")); })
                      .onFailed([publisher](const ApiError &error) -> HttpResponse {
                          if (error.status() != 503)
                              qCInfo(lcHooks).noquote()
                                  << "publisher refused on update:" << error.message() << publisher;
                          throw error;
                      });
    replyWhenReady(std::move(answer), this, std::move(reply));
}

void HookController::onPlay(const HttpRequest &request, HttpReply &reply)
{
    const HookForm form = readForm(request, {QStringLiteral("play")});
    const QUuid id = QUuid::fromString(form.value(QStringLiteral("name")));
    if (id.isNull())
        throw ApiError::notFound(QStringLiteral("no such stream"));
    replyWhenReady(m_service.confirmPlayable(id).then([] { return ok(QStringLiteral("ok")); }),
                   this, std::move(reply));
}

void HookController::onPlayDone(const HttpRequest &request, HttpReply &reply)
{
    readForm(request, {QStringLiteral("play_done")});
    reply.send(ok(QStringLiteral("ok")));
}

} // namespace nova
