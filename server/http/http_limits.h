#pragma once

#include "server/http/http_request_parser.h"

#include <QHostAddress>
#include <QList>
#include <QPair>

#include <chrono>

namespace nova {

// What one HTTP connection may do before it is answered with an error or closed.
struct HttpLimits
{
    HttpRequestParser::Limits parsing;
    // A connection with no traffic in either direction for this long is closed.
    std::chrono::milliseconds idleTimeout{30'000};
    // Requests read ahead of their answers on one connection (pipelining); more wait unread.
    int maxPipelined = 16;
    // A request must arrive whole (head and body) this soon after its first byte: a client that
    // trickles its headers (slowloris) is answered 408 and closed.
    std::chrono::milliseconds requestTimeout{10'000};
    // HTTP connections open at once, in all and per client address (0: no limit). Past the total,
    // new connections wait in the kernel's listen queue until one closes; past the per-address
    // limit, a connection is answered 429 and closed. WebSocket clients leave both counts when
    // their upgrade is taken.
    int maxConnections = 10'000;
    int maxConnectionsPerAddress = 256;
    // Peers never counted per address: proxies in front of the server, local tools.
    QList<QPair<QHostAddress, int>> exemptNetworks{{QHostAddress(QStringLiteral("127.0.0.1")), 32},
                                                   {QHostAddress(QStringLiteral("::1")), 128}};
};

} // namespace nova
