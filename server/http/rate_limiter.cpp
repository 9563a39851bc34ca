#include "server/http/rate_limiter.h"

#include <cmath>

namespace nova {

RateLimiter::RateLimiter(Policy policy)
    : m_policy(policy)
{}

double RateLimiter::tokensAt(const Bucket &bucket, Clock::time_point now) const
{
    const double elapsed = std::chrono::duration<double, std::milli>(now - bucket.updated).count();
    return std::min<double>(m_policy.burst,
                            bucket.tokens + elapsed / double(m_policy.refill.count()));
}

bool RateLimiter::exhausted(const QString &key, Clock::time_point now) const
{
    const auto it = m_buckets.constFind(key);
    return it != m_buckets.cend() && tokensAt(*it, now) < 1.0;
}

bool RateLimiter::spend(const QString &key, Clock::time_point now, std::chrono::seconds *retryAfter)
{
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_policy.maxTracked)
            forgetRecovered(now);
        it = m_buckets.insert(key, Bucket{double(m_policy.burst), now});
    }
    const double tokens = tokensAt(*it, now);
    if (tokens >= 1.0) {
        *it = Bucket{tokens - 1.0, now};
        return true;
    }
    if (retryAfter) {
        const double missing = (1.0 - tokens) * double(m_policy.refill.count()) / 1000.0;
        *retryAfter = std::chrono::seconds(qint64(std::ceil(missing)));
    }
    return false;
}

void RateLimiter::forgetRecovered(Clock::time_point now)
{
    // Keys back at a full bucket behave as if never seen.
    for (auto it = m_buckets.begin(); it != m_buckets.end();)
        it = tokensAt(*it, now) >= m_policy.burst ? m_buckets.erase(it) : std::next(it);
    // Still full of active spenders: some are forgotten, which only ever errs towards allowing.
    while (m_buckets.size() >= m_policy.maxTracked)
        m_buckets.erase(m_buckets.begin());
}

} // namespace nova
