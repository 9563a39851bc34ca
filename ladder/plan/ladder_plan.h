#pragma once

#include "ladder/plan/tier.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace nova {

// What is known of the source's picture when the ladder is planned.
struct SourcePicture
{
    int width = 0;
    int height = 0;
    std::int64_t bitsPerSecond = 0; // video only; 0 when the source does not say
};

// One variant of a stream's HLS: the source itself (copied, never re-encoded) or a rendition.
struct Variant
{
    QString name; // its folder and its name in the master playlist: "source", "720p", ...
    int width = 0;
    int height = 0;
    std::int64_t bitsPerSecond = 0; // the video's target; the source's own rate for the source
    bool copied = false;

    friend bool operator==(const Variant &, const Variant &) = default;
};

// The variants a stream gets, the source first, then the renditions from the tallest down. A tier
// helps only below the source: one at or above its height would re-encode the same picture (or
// scale it up) at a cost and a loss, so it is not made. No rendition is made at more bits than the
// source has: it would only spend bandwidth on the source's own artefacts.
QList<Variant> planLadder(const SourcePicture &source, QList<Tier> tiers);

} // namespace nova
