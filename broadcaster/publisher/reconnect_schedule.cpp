#include "broadcaster/publisher/reconnect_schedule.h"

#include <algorithm>
#include <cmath>

namespace nova {

ReconnectSchedule::ReconnectSchedule(Policy policy, std::uint64_t seed)
    : m_policy(policy)
    , m_random(seed)
{}

std::chrono::milliseconds ReconnectSchedule::nominal(int attempt) const
{
    const double grown =
        double(m_policy.first.count()) * std::pow(m_policy.growth, std::max(0, attempt));
    return std::chrono::milliseconds(
        static_cast<long long>(std::min(grown, double(m_policy.cap.count()))));
}

std::chrono::milliseconds ReconnectSchedule::next()
{
    const double base = double(nominal(m_attempt++).count());
    std::uniform_real_distribution<double> spread(1.0 - m_policy.jitter, 1.0 + m_policy.jitter);
    // Jitter spreads the wait but never past the cap.
    return std::min(std::chrono::milliseconds(std::llround(base * spread(m_random))), m_policy.cap);
}

} // namespace nova
