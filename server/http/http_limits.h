#pragma once

#include "server/http/http_request_framer.h"

#include <chrono>

namespace nova {

// What one HTTP connection may do before it is answered with an error or closed.
struct HttpLimits
{
    HttpRequestFramer::Limits framing;
    // A connection with no traffic in either direction for this long is closed.
    std::chrono::milliseconds idleTimeout{30'000};
};

} // namespace nova
