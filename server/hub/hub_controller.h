#pragma once

#include <QObject>

namespace nova {

class OperatorAuth;
class Router;

// The WebSocket endpoints, checked before the upgrade: a viewer socket needs a well-formed stream
// id (whether it exists is checked once connected), an operator socket the operator token.
class HubController : public QObject
{
    Q_OBJECT

public:
    HubController(const OperatorAuth &auth, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    const OperatorAuth &m_auth;
};

} // namespace nova
