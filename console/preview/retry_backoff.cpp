#include "console/preview/retry_backoff.h"

#include <algorithm>

namespace nova {

RetryBackoff::RetryBackoff(Duration first, Duration cap)
    : m_first(first)
    , m_cap(std::max(first, cap))
    , m_next(first)
{}

RetryBackoff::Duration RetryBackoff::next()
{
    const Duration wait = m_next;
    m_next = std::min(m_next * 2, m_cap);
    ++m_failures;
    return wait;
}

} // namespace nova
