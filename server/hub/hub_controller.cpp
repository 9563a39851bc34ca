#include "server/hub/hub_controller.h"

#include "server/http/operator_auth.h"
#include "server/http/router.h"
#include "server/streams/stream_id.h"

namespace nova {

HubController::HubController(const OperatorAuth &auth, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
{}

void HubController::registerRoutes(Router &router)
{
    router.addWebSocket(QStringLiteral("/api/v1/streams/{id}/ws"),
                        [](const HttpRequest &request) { parseStreamId(request.param(0)); });
    router.addWebSocket(QStringLiteral("/api/v1/events/ws"),
                        [this](const HttpRequest &request) { m_auth.require(request); });
}

} // namespace nova
