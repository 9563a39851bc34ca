#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>

namespace nova {

// What WebSocket clients may hold and ask for; past it they are refused, and each refusal counted.
struct HubLimits
{
    // Viewer sockets open at once from one client address (IPv6: one /64); 0 for no limit. Each
    // viewer socket counts towards a stream's viewers and its stored peak.
    int viewersPerAddress = 100;
    // Peers never counted per address: proxies in front of the server, local tools.
    QList<QPair<QHostAddress, int>> exemptNetworks{{QHostAddress(QStringLiteral("127.0.0.1")), 32},
                                                   {QHostAddress(QStringLiteral("::1")), 128}};
    // `replay` messages one session may send per minute; more are answered rate_limited.
    int replaysPerMinute = 10;
};

} // namespace nova
