#include "server/auth/write_limiter.h"

#include "server/auth/caller.h"
#include "shared/api_error.h"

namespace nova {

WriteLimiter::WriteLimiter(int burst, int perMinute)
    : m_buckets({burst, std::chrono::milliseconds(60'000 / std::max(1, perMinute)), 100'000})
{}

void WriteLimiter::spend(const Caller &caller)
{
    if (caller.isBootstrap())
        return;
    std::chrono::seconds retryAfter{0};
    if (!m_buckets.spend(caller.token.toString(QUuid::WithoutBraces), RateLimiter::Clock::now(),
                         &retryAfter))
        throw ApiError::tooManyRequests(
            QStringLiteral("this token has made too many changes; try again in %1 s")
                .arg(retryAfter.count()),
            int(std::max<qint64>(1, retryAfter.count())));
}

} // namespace nova
