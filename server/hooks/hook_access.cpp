#include "server/hooks/hook_access.h"

#include "server/hooks/ingest_node_secret.h"
#include "server/http/address_limit.h"
#include "server/http/http_request.h"
#include "shared/api_error.h"
#include "shared/constant_time.h"

namespace nova {

HookAccess::HookAccess(QList<Network> allowedNetworks, QByteArray secret, QStringList nodes)
    : m_allowed(std::move(allowedNetworks))
    , m_secret(std::move(secret))
    , m_nodes(std::move(nodes))
{}

bool HookAccess::admits(const QHostAddress &peer, const QByteArray &presentedSecret) const
{
    if (!m_secret.isEmpty() && constantTimeEquals(presentedSecret, m_secret))
        return true;
    return inNetworks(peer, m_allowed);
}

std::variant<QString, HookAccess::Refusal> HookAccess::identify(const QHostAddress &peer,
                                                                const QByteArray &presentedSecret,
                                                                const QString &claimedNode) const
{
    if (!claimedNode.isEmpty()) {
        if (!m_nodes.contains(claimedNode))
            return Refusal{
                QStringLiteral("no ingest node is named '%1'").arg(claimedNode.left(32))};
        // The node's own secret proves its name; the hook secret, which a node should not hold
        // where there are several, proves any.
        if (m_secret.isEmpty() ||
            !(constantTimeEquals(presentedSecret, ingestNodeSecret(m_secret, claimedNode)) ||
              constantTimeEquals(presentedSecret, m_secret)))
            return Refusal{QStringLiteral("the hook names ingest node '%1' without its secret")
                               .arg(claimedNode)};
        return claimedNode;
    }
    if (!admits(peer, presentedSecret))
        return Refusal{QStringLiteral("hooks are accepted only from configured addresses or with "
                                      "the hook secret")};
    if (m_nodes.size() != 1)
        return Refusal{QStringLiteral("the hook does not say which ingest node sent it "
                                      "(X-Nova-Ingest and that node's secret)")};
    return m_nodes.first();
}

QString HookAccess::require(const HttpRequest &request) const
{
    QByteArray secret = request.header("x-nova-hook-secret");
    if (secret.isEmpty())
        secret =
            request.query().queryItemValue(QStringLiteral("secret"), QUrl::FullyDecoded).toUtf8();
    const auto who = identify(request.peer(), secret,
                              QString::fromUtf8(request.header("x-nova-ingest")).trimmed());
    if (const auto *refusal = std::get_if<Refusal>(&who))
        throw ApiError::forbidden(refusal->reason);
    return std::get<QString>(who);
}

} // namespace nova
