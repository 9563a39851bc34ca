#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace nova {

// When to try again after the connection broke: each wait about 1.5 times the one before, up to a
// cap, each spread by a random ±20 % so that many broadcasters cut off by the same fault do not all
// come back in the same instant. A connection that went live again starts the series over.
class ReconnectSchedule
{
public:
    struct Policy
    {
        std::chrono::milliseconds first{1'000};
        double growth = 1.5;
        std::chrono::milliseconds cap{30'000};
        double jitter = 0.2; // the share a wait may be off its nominal length, either way
    };

    explicit ReconnectSchedule(Policy policy, std::uint64_t seed = std::random_device{}());

    // The wait before the next attempt; counts the attempt.
    std::chrono::milliseconds next();
    // The nominal wait (no jitter) before attempt `attempt` (0 is the first).
    std::chrono::milliseconds nominal(int attempt) const;
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    const Policy &policy() const { return m_policy; }

private:
    Policy m_policy;
    std::mt19937_64 m_random;
    int m_attempt = 0;
};

} // namespace nova
