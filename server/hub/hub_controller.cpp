#include "server/hub/hub_controller.h"

#include "server/auth/authenticator.h"
#include "server/http/router.h"
#include "server/hub/hub_upgrade.h"
#include "server/streams/stream_id.h"
#include "shared/api_error.h"

namespace nova {

HubController::HubController(const Authenticator &auth, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
{}

void HubController::registerRoutes(Router &router)
{
    router.addWebSocket(QStringLiteral("/api/v1/streams/{id}/ws"),
                        [this](const HttpRequest &request) -> std::any {
                            const QUuid stream = parseStreamId(request.param(0));
                            // Anyone may watch; a token, if given, must be good (its holder, the
                            // streamer's own app or an operator, is then not counted as a viewer).
                            m_auth.identifyNow(request);
                            return HubUpgrade::viewer(stream, request.query(),
                                                      request.header("authorization").isEmpty());
                        });
    router.addWebSocket(QStringLiteral("/api/v1/events/ws"),
                        [this](const HttpRequest &request) -> std::any {
                            const auto caller = m_auth.identifyNow(request);
                            if (!caller)
                                throw ApiError::unauthorized(
                                    QStringLiteral("the operator feed needs an operator's token "
                                                   "(Authorization: Bearer <token>)"));
                            if (!caller->isOperator())
                                throw ApiError::forbidden(
                                    QStringLiteral("the operator feed is for operators only"));
                            return HubUpgrade::operatorFeed(request.query());
                        });
}

} // namespace nova
