#pragma once

#include <QHash>
#include <QString>

#include <chrono>

namespace nova {

// Slows down guessing of stream keys: each wrong key from an address spends one of its tokens,
// tokens come back at a fixed rate, and an address without tokens is refused (429) before the
// database is asked, for every key it tries. Addresses that never fail are never tracked, so a
// correct key from elsewhere is never slowed. In memory, per replica, with a bound on how many
// addresses it remembers.
class PublishRateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    struct Policy
    {
        int burst = 5;                            // wrong keys allowed in a row
        std::chrono::milliseconds refill{12'000}; // one more every refill (5 a minute)
        int maxTracked = 100'000;
    };

    explicit PublishRateLimiter(Policy policy);

    // Whether `address` may try a key at `now`; if not, how long until it may.
    bool allows(const QString &address, Clock::time_point now,
                std::chrono::seconds *retryAfter = nullptr);
    void recordFailure(const QString &address, Clock::time_point now);
    int tracked() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        Clock::time_point updated;
    };
    void refill(Bucket &bucket, Clock::time_point now) const;
    void forgetRecovered(Clock::time_point now);

    Policy m_policy;
    QHash<QString, Bucket> m_buckets;
};

} // namespace nova
