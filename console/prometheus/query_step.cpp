#include "console/prometheus/query_step.h"

#include <algorithm>
#include <array>

namespace nova {

namespace {
using std::chrono::seconds;

constexpr std::array<long long, 19> kNiceSteps{1,     2,     5,     10,    15,    30,   60,
                                               120,   300,   600,   900,   1800,  3600, 7200,
                                               10800, 21600, 43200, 86400, 172800};

long long roundUpToNice(long long step)
{
    for (long long nice : kNiceSteps) {
        if (nice >= step)
            return nice;
    }
    const long long day = 86400;
    return (step + day - 1) / day * day;
}

long long ceilDiv(long long a, long long b)
{
    return (a + b - 1) / b;
}
} // namespace

seconds QueryStep::forRange(seconds range, int widthPixels, seconds minimum)
{
    const long long total = std::max<long long>(range.count(), 1);
    const long long pixels = std::max(widthPixels, 1);
    long long step =
        std::max({ceilDiv(total, pixels), static_cast<long long>(minimum.count()), 1LL});
    step = roundUpToNice(step);
    // Points are range/step + 1 (both ends included).
    if (total / step + 1 > kMaxPoints)
        step = roundUpToNice(ceilDiv(total, kMaxPoints - 1));
    return seconds(step);
}

seconds QueryStep::rateWindow(seconds step, seconds scrapeInterval)
{
    return std::max(step + scrapeInterval, 4 * scrapeInterval);
}

} // namespace nova
