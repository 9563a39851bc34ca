#include "server/hooks/hook_controller.h"

#include "server/hooks/hook_access.h"
#include "server/hooks/hook_form.h"
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

// Publisher details for logs: never the key.
QString who(const HookForm &form)
{
    return QStringLiteral("addr=%1 client=%2")
        .arg(form.value(QStringLiteral("addr")).left(64),
             form.value(QStringLiteral("clientid")).left(32));
}
} // namespace

HookController::HookController(StreamService &service, const HookAccess &access, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_access(access)
{}

void HookController::registerRoutes(Router &router)
{
    using M = Router::Method;
    router.add(M::Post, QStringLiteral("/hooks/rtmp/on_publish"),
               [this](const HttpRequest &rq, HttpReply &rp) { onPublish(rq, rp); });
    router.add(M::Post, QStringLiteral("/hooks/rtmp/on_publish_done"),
               [this](const HttpRequest &rq, HttpReply &rp) { onPublishDone(rq, rp); });
}

HookForm HookController::readForm(const HttpRequest &request, const QString &expectedCall) const
{
    m_access.require(request);
    auto form = HookForm::parse(request.body());
    if (!form)
        throw ApiError::badRequest(QStringLiteral("the hook body is not a form"),
                                   QStringLiteral("invalid_form"));
    if (form->value(QStringLiteral("call")) != expectedCall)
        throw ApiError::badRequest(QStringLiteral("expected call=%1").arg(expectedCall),
                                   QStringLiteral("invalid_form"));
    if (form->value(QStringLiteral("name")).isEmpty())
        throw ApiError::badRequest(QStringLiteral("the hook has no stream name"),
                                   QStringLiteral("invalid_form"));
    return *form;
}

void HookController::onPublish(const HttpRequest &request, HttpReply &reply)
{
    const HookForm form = readForm(request, QStringLiteral("publish"));
    const auto key = StreamKey::parse(form.value(QStringLiteral("name")));
    if (!key) {
        qCInfo(lcHooks).noquote() << "publish refused: not a stream key," << who(form);
        throw ApiError::forbidden(QStringLiteral("the stream key is not valid"));
    }

    const QString publisher = who(form);
    auto answer = m_service
                      .publish(*key, form.value(QStringLiteral("clientid")),
                               form.value(QStringLiteral("addr")))
                      .then([publisher](const Stream &stream) {
                          qCInfo(lcHooks).noquote()
                              << "publish accepted: stream" << idText(stream.id) << publisher;
                          return HttpResponse::redirect(idText(stream.id).toLatin1());
                      })
                      .onFailed([publisher](const ApiError &error) -> HttpResponse {
                          qCInfo(lcHooks).noquote()
                              << "publish refused:" << error.message() << publisher;
                          throw error;
                      });
    replyWhenReady(std::move(answer), this, std::move(reply));
}

void HookController::onPublishDone(const HttpRequest &request, HttpReply &reply)
{
    const HookForm form = readForm(request, QStringLiteral("publish_done"));
    const auto key = StreamKey::parse(form.value(QStringLiteral("name")));
    if (!key)
        throw ApiError::forbidden(QStringLiteral("the stream key is not valid"));

    const QString publisher = who(form);
    auto answer =
        m_service.publishDone(*key, form.value(QStringLiteral("clientid")))
            .then([publisher](const std::optional<Stream> &stream) {
                if (stream)
                    qCInfo(lcHooks).noquote() << "publish done: stream" << idText(stream->id)
                                              << "completed," << publisher;
                else
                    qCInfo(lcHooks).noquote()
                        << "publish done from a replaced or ended publisher, ignored," << publisher;
                return HttpResponse::json(
                    200, {{QStringLiteral("status"),
                           stream ? QStringLiteral("completed") : QStringLiteral("ignored")}});
            });
    replyWhenReady(std::move(answer), this, std::move(reply));
}

} // namespace nova
