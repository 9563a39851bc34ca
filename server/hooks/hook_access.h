#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace nova {

class HttpRequest;

// Who may call the ingest hooks: peers in the configured networks, or anyone presenting the shared
// secret, in an X-Nova-Hook-Secret header (which the nginx in front adds: nginx-rtmp itself cannot
// send headers) or as ?secret= in the hook URL (which nginx may print in its error log).
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
