#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

#include <variant>

namespace nova {

class HttpRequest;

// Who may call the ingest hooks, and which ingest node a hook comes from. Admitted: peers in the
// configured networks, or anyone presenting the shared secret, in an X-Nova-Hook-Secret header
// (which the nginx in front adds: nginx-rtmp itself cannot send headers) or as ?secret= in the
// hook URL (which nginx may print in its error log). A node names itself in X-Nova-Ingest and
// proves it with its own secret (ingestNodeSecret) or the hook secret; a name it cannot prove is
// refused, so that no node can act on a stream that another node holds. With a single node, an
// admitted hook that names none is that node's.
class HookAccess
{
public:
    using Network = QPair<QHostAddress, int>;
    struct Refusal
    {
        QString reason;
    };

    HookAccess(QList<Network> allowedNetworks, QByteArray secret,
               QStringList nodes = {QStringLiteral("ingest-1")});

    // The node that sent the hook; throws ApiError 403 otherwise.
    QString require(const HttpRequest &request) const;
    // The same, from what the request presented (`claimedNode` empty when it names none).
    std::variant<QString, Refusal> identify(const QHostAddress &peer,
                                            const QByteArray &presentedSecret,
                                            const QString &claimedNode) const;
    bool admits(const QHostAddress &peer, const QByteArray &presentedSecret) const;

private:
    QList<Network> m_allowed;
    QByteArray m_secret;
    QStringList m_nodes;
};

} // namespace nova
