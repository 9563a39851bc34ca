#include "server/hooks/hook_access.h"

#include "server/http/address_limit.h"
#include "server/http/http_request.h"
#include "shared/api_error.h"
#include "shared/constant_time.h"

namespace nova {

HookAccess::HookAccess(QList<Network> allowedNetworks, QByteArray secret)
    : m_allowed(std::move(allowedNetworks))
    , m_secret(std::move(secret))
{}

bool HookAccess::admits(const QHostAddress &peer, const QByteArray &presentedSecret) const
{
    if (!m_secret.isEmpty() && constantTimeEquals(presentedSecret, m_secret))
        return true;
    return inNetworks(peer, m_allowed);
}

void HookAccess::require(const HttpRequest &request) const
{
    QByteArray secret = request.header("x-nova-hook-secret");
    if (secret.isEmpty())
        secret =
            request.query().queryItemValue(QStringLiteral("secret"), QUrl::FullyDecoded).toUtf8();
    if (!admits(request.peer(), secret))
        throw ApiError::forbidden(QStringLiteral("hooks are accepted only from configured "
                                                 "addresses or with the hook secret"));
}

} // namespace nova
