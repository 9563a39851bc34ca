#include "server/hub/hub_controller.h"

#include "server/auth/authenticator.h"
#include "server/http/router.h"
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
                        [this](const HttpRequest &request) {
                            parseStreamId(request.param(0));
                            // Anyone may watch; a token, if given, must be good (its holder is
                            // then not counted as a viewer).
                            m_auth.identifyNow(request);
                        });
    router.addWebSocket(QStringLiteral("/api/v1/events/ws"), [this](const HttpRequest &request) {
        const auto caller = m_auth.identifyNow(request);
        if (!caller)
            throw ApiError::unauthorized(
                QStringLiteral("the operator feed needs an operator's token "
                               "(Authorization: Bearer <token>)"));
        if (!caller->isOperator())
            throw ApiError::forbidden(QStringLiteral("the operator feed is for operators only"));
    });
}

} // namespace nova
