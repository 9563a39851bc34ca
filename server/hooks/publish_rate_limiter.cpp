#include "server/hooks/publish_rate_limiter.h"

#include "server/http/address_limit.h"

#include <cmath>

namespace nova {

PublishRateLimiter::PublishRateLimiter(Policy policy)
    : m_policy(policy)
{}

QString PublishRateLimiter::groupOf(const QString &address)
{
    const QHostAddress host(address);
    return host.isNull() ? address.left(64) : addressGroup(host);
}

double PublishRateLimiter::tokensAt(const Bucket &bucket, Clock::time_point now) const
{
    const double elapsed = std::chrono::duration<double, std::milli>(now - bucket.updated).count();
    return std::min<double>(m_policy.burst,
                            bucket.tokens + elapsed / double(m_policy.refill.count()));
}

bool PublishRateLimiter::exhausted(const QString &address, Clock::time_point now) const
{
    const auto it = m_buckets.constFind(groupOf(address));
    return it != m_buckets.cend() && tokensAt(*it, now) < 1.0;
}

bool PublishRateLimiter::recordFailure(const QString &address, Clock::time_point now,
                                       std::chrono::seconds *retryAfter)
{
    const QString group = groupOf(address);
    auto it = m_buckets.find(group);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_policy.maxTracked)
            forgetRecovered(now);
        it = m_buckets.insert(group, Bucket{double(m_policy.burst), now});
    }
    const double tokens = tokensAt(*it, now);
    if (tokens >= 1.0) {
        *it = Bucket{tokens - 1.0, now};
        return true;
    }
    // A refused try spends nothing and leaves the bucket as it was: hammering does not lengthen
    // the wait.
    if (retryAfter) {
        const double missing = (1.0 - tokens) * double(m_policy.refill.count()) / 1000.0;
        *retryAfter = std::chrono::seconds(qint64(std::ceil(missing)));
    }
    return false;
}

void PublishRateLimiter::forgetRecovered(Clock::time_point now)
{
    // Addresses back at a full bucket behave as if never seen.
    for (auto it = m_buckets.begin(); it != m_buckets.end();)
        it = tokensAt(*it, now) >= m_policy.burst ? m_buckets.erase(it) : std::next(it);
    // Still full of active guessers: some are forgotten, which only ever errs towards allowing.
    while (m_buckets.size() >= m_policy.maxTracked)
        m_buckets.erase(m_buckets.begin());
}

} // namespace nova
