#pragma once

#include <optional>

namespace nova {

// What this process uses now: resident memory and CPU time so far (user + system), the figures of
// Prometheus's standard process_* metrics.
struct ProcessUsage
{
    double residentBytes = 0;
    double cpuSeconds = 0;

    // nullopt where /proc or getrusage cannot say.
    static std::optional<ProcessUsage> now();
};

} // namespace nova
