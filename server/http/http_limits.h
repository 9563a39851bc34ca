#pragma once

#include "server/http/http_request_parser.h"

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
};

} // namespace nova
