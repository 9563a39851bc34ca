#pragma once

#include <chrono>

namespace nova {

// The resolution of a range query: about one point per pixel of the panel, never finer than
// the scrape interval (finer only repeats samples), rounded up to a step people read easily
// (15s, 1m, 5m...), and never more than Prometheus's limit of 11,000 points per series.
struct QueryStep
{
    static constexpr long long kMaxPoints = 11'000;

    static std::chrono::seconds forRange(std::chrono::seconds range, int widthPixels,
                                         std::chrono::seconds minimum = std::chrono::seconds(5));
    // The window of rate() for that step: at least four scrapes, and at least step + one scrape,
    // so that every step sees two samples and nothing between steps goes uncounted.
    static std::chrono::seconds rateWindow(std::chrono::seconds step,
                                           std::chrono::seconds scrapeInterval);
};

} // namespace nova
