#pragma once

#include <chrono>

namespace nova {

// How long to wait before trying again after a failure: doubling from `first` up to `cap`, and
// back to `first` once something worked.
class RetryBackoff
{
public:
    using Duration = std::chrono::milliseconds;

    RetryBackoff(Duration first, Duration cap);

    Duration next(); // the wait before the next try; each call waits longer, up to the cap
    void reset()
    {
        m_next = m_first;
        m_failures = 0;
    }
    int failures() const { return m_failures; }

private:
    Duration m_first;
    Duration m_cap;
    Duration m_next;
    int m_failures = 0;
};

} // namespace nova
