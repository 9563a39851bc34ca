#pragma once

#include "server/http/rate_limiter.h"

#include <QHash>
#include <QString>

#include <chrono>

namespace nova {

// Slows down guessing of stream keys without ever standing in a streamer's way: only a wrong key
// spends one of its address's tokens, tokens come back at a fixed rate, and an address without
// tokens has its wrong keys answered 429 with a time to wait. A correct key is never throttled,
// so strangers behind the same NAT or load balancer cannot lock a streamer out. Addresses are
// grouped as a client holds them: an IPv4 address alone, IPv6 by its /64 (one host's share).
// Addresses that never fail are never tracked. In memory, per replica, with a bound on how many
// addresses it remembers.
class PublishRateLimiter
{
public:
    using Clock = RateLimiter::Clock;

    struct Policy
    {
        int burst = 5;                            // wrong keys allowed in a row
        std::chrono::milliseconds refill{12'000}; // one more every refill (5 a minute)
        int maxTracked = 100'000;
    };

    explicit PublishRateLimiter(Policy policy);

    // A wrong key from `address` at `now`. Returns true while the address still had tokens (answer
    // 403), false once it has run out (answer 429 and ask it to wait `retryAfter`).
    bool recordFailure(const QString &address, Clock::time_point now,
                       std::chrono::seconds *retryAfter = nullptr);
    // Whether `address` has run out of tokens at `now`, without spending one.
    bool exhausted(const QString &address, Clock::time_point now) const;
    int tracked() const { return m_buckets.tracked(); }

    // The group an address counts towards: IPv4 as is, IPv6 by its /64, IPv4-mapped IPv6 as IPv4;
    // anything that is not an address as its own text.
    static QString groupOf(const QString &address);

private:
    RateLimiter m_buckets;
};

} // namespace nova
