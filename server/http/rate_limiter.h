#pragma once

#include <QHash>
#include <QString>

#include <chrono>

namespace nova {

// Token buckets by key: each key may spend `burst` in a row, and one more every `refill`. Keys
// back at a full bucket are forgotten when room is needed, so memory stays bounded. In memory,
// per replica; no clock of its own (the caller says when).
class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    struct Policy
    {
        int burst = 5;
        std::chrono::milliseconds refill{12'000};
        int maxTracked = 100'000;
    };

    explicit RateLimiter(Policy policy);

    // Spends one of `key`'s tokens at `now`: true while it had one, false once it has run out
    // (then `retryAfter` says how long until it has one again). A refused try spends nothing,
    // so hammering does not lengthen the wait.
    bool spend(const QString &key, Clock::time_point now,
               std::chrono::seconds *retryAfter = nullptr);
    // Whether `key` has run out at `now`, without spending.
    bool exhausted(const QString &key, Clock::time_point now) const;
    int tracked() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        Clock::time_point updated;
    };
    double tokensAt(const Bucket &bucket, Clock::time_point now) const;
    void forgetRecovered(Clock::time_point now);

    Policy m_policy;
    QHash<QString, Bucket> m_buckets;
};

} // namespace nova
