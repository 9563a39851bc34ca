#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace nova {

class HttpRequest;

// Who may call the ingest hooks: peers in the configured networks, or anyone presenting the shared
// secret (as ?secret= in the hook URL nginx is configured with; nginx-rtmp cannot send headers).
class HookAccess
{
public:
    using Network = QPair<QHostAddress, int>;

    HookAccess(QList<Network> allowedNetworks, QByteArray secret);

    // Throws ApiError 403 when neither the address nor the secret admits the caller.
    void require(const HttpRequest &request) const;
    bool admits(const QHostAddress &peer, const QByteArray &presentedSecret) const;

private:
    QList<Network> m_allowed;
    QByteArray m_secret;
};

} // namespace nova
