#pragma once

#include <chrono>

namespace nova {

// The CPU time this process has used (every thread), read as a share of one core since the
// previous reading: what a streamer compares with the machine's capacity.
class ProcessCpuClock
{
public:
    ProcessCpuClock();
    // % of one core used since construction or the previous call.
    double percentSinceLast();

private:
    std::chrono::nanoseconds m_cpu;
    std::chrono::steady_clock::time_point m_wall;
};

} // namespace nova
