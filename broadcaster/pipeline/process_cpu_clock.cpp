#include "broadcaster/pipeline/process_cpu_clock.h"

#include <ctime>

namespace nova {

namespace {
std::chrono::nanoseconds processCpuTime()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}
} // namespace

ProcessCpuClock::ProcessCpuClock()
    : m_cpu(processCpuTime())
    , m_wall(std::chrono::steady_clock::now())
{}

double ProcessCpuClock::percentSinceLast()
{
    const auto cpu = processCpuTime();
    const auto wall = std::chrono::steady_clock::now();
    const double wallNs = double((wall - m_wall).count());
    const double percent = wallNs > 0 ? 100.0 * double((cpu - m_cpu).count()) / wallNs : 0.0;
    m_cpu = cpu;
    m_wall = wall;
    return percent;
}

} // namespace nova
