#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QWebSocketProtocol>

namespace nova::hub {

// What the hub says besides events (docs/websocket.md): its close codes, the HTTP status they
// stand for in 4000-4999, and notices, which look like events but have no seq.
constexpr auto kCloseBadMessage = QWebSocketProtocol::CloseCode(4400);
constexpr auto kCloseNoSuchStream = QWebSocketProtocol::CloseCode(4404);
constexpr auto kCloseTryAgainLater = QWebSocketProtocol::CloseCode(1013); // RFC 6455 registry

// {"event":NAME,"data":{...DATA,"timestamp":NOW}}
QByteArray notice(const char *name, QJsonObject data = {});

} // namespace nova::hub
