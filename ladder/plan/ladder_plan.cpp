#include "ladder/plan/ladder_plan.h"

#include <algorithm>
#include <cmath>

namespace nova {

namespace {
// The width that keeps the source's shape at `height`, even as 4:2:0 needs.
int widthAt(const SourcePicture &source, int height)
{
    const double width = double(source.width) * double(height) / double(source.height);
    return std::max(2, int(std::lround(width / 2.0)) * 2);
}
} // namespace

QList<Variant> planLadder(const SourcePicture &source, QList<Tier> tiers)
{
    QList<Variant> variants{
        {QStringLiteral("source"), source.width, source.height, source.bitsPerSecond, true}};
    if (source.width <= 0 || source.height <= 0)
        return variants; // a picture of unknown size is served as it is
    std::sort(tiers.begin(), tiers.end(),
              [](const Tier &a, const Tier &b) { return a.height > b.height; });
    for (const Tier &tier : tiers) {
        if (tier.height >= source.height)
            continue;
        std::int64_t rate = tier.bitsPerSecond;
        if (source.bitsPerSecond > 0)
            rate = std::min(rate, source.bitsPerSecond);
        variants.append({tier.name(), widthAt(source, tier.height), tier.height, rate, false});
    }
    return variants;
}

} // namespace nova
