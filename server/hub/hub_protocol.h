#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QWebSocketProtocol>

namespace nova::hub {

// What the hub says besides events (docs/websocket.md): its own close code, the HTTP status it
// stands for in 4000-4999, and notices, which look like events but have no seq. Refusals of an
// unknown stream or while shutting down are HTTP answers before the upgrade, not close codes.
constexpr auto kCloseBadMessage = QWebSocketProtocol::CloseCode(4400);

// {"event":NAME,"data":{...DATA,"timestamp":NOW}}
QByteArray notice(const char *name, QJsonObject data = {});

} // namespace nova::hub
