#include "server/hooks/publish_rate_limiter.h"

#include "server/http/address_limit.h"

namespace nova {

PublishRateLimiter::PublishRateLimiter(Policy policy)
    : m_buckets({policy.burst, policy.refill, policy.maxTracked})
{}

QString PublishRateLimiter::groupOf(const QString &address)
{
    const QHostAddress host(address);
    return host.isNull() ? address.left(64) : addressGroup(host);
}

bool PublishRateLimiter::exhausted(const QString &address, Clock::time_point now) const
{
    return m_buckets.exhausted(groupOf(address), now);
}

bool PublishRateLimiter::recordFailure(const QString &address, Clock::time_point now,
                                       std::chrono::seconds *retryAfter)
{
    return m_buckets.spend(groupOf(address), now, retryAfter);
}

} // namespace nova
