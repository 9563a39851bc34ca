#pragma once

#include <QObject>

namespace nova {

class Authenticator;
class Router;

// The WebSocket endpoints, checked before the upgrade: a viewer socket needs a well-formed stream
// id (whether it exists is checked once connected), an operator socket an operator's token
// (checked from memory: an upgrade cannot wait for the database).
class HubController : public QObject
{
    Q_OBJECT

public:
    HubController(const Authenticator &auth, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    const Authenticator &m_auth;
};

} // namespace nova
