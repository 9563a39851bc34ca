#include "server/hooks/publish_rate_limiter.h"

#include <cmath>

namespace nova {

PublishRateLimiter::PublishRateLimiter(Policy policy)
    : m_policy(policy)
{}

void PublishRateLimiter::refill(Bucket &bucket, Clock::time_point now) const
{
    const double elapsed = std::chrono::duration<double, std::milli>(now - bucket.updated).count();
    bucket.tokens =
        std::min<double>(m_policy.burst, bucket.tokens + elapsed / double(m_policy.refill.count()));
    bucket.updated = now;
}

bool PublishRateLimiter::allows(const QString &address, Clock::time_point now,
                                std::chrono::seconds *retryAfter)
{
    const auto it = m_buckets.find(address);
    if (it == m_buckets.end())
        return true;
    refill(*it, now);
    if (it->tokens >= 1.0)
        return true;
    if (retryAfter) {
        const double missing = (1.0 - it->tokens) * double(m_policy.refill.count()) / 1000.0;
        *retryAfter = std::chrono::seconds(qint64(std::ceil(missing)));
    }
    return false;
}

void PublishRateLimiter::recordFailure(const QString &address, Clock::time_point now)
{
    auto it = m_buckets.find(address);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_policy.maxTracked)
            forgetRecovered(now);
        it = m_buckets.insert(address, Bucket{double(m_policy.burst), now});
    }
    refill(*it, now);
    it->tokens = std::max(0.0, it->tokens - 1.0);
}

void PublishRateLimiter::forgetRecovered(Clock::time_point now)
{
    // Addresses back at a full bucket behave as if never seen.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(*it, now);
        it = it->tokens >= m_policy.burst ? m_buckets.erase(it) : std::next(it);
    }
    // Still full of active guessers: some are forgotten, which only ever errs towards allowing.
    while (m_buckets.size() >= m_policy.maxTracked)
        m_buckets.erase(m_buckets.begin());
}

} // namespace nova
