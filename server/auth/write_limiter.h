#pragma once

#include "server/http/rate_limiter.h"

namespace nova {

struct Caller;

// How many changes one personal token may make: a leaked streamer token cannot create thousands
// of streams a minute. The bootstrap token (the stack's own) is not limited. Per replica.
class WriteLimiter
{
public:
    WriteLimiter(int burst, int perMinute);

    // Throws 429 with Retry-After once `caller`'s token has run out.
    void spend(const Caller &caller);

private:
    RateLimiter m_buckets;
};

} // namespace nova
