#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace nova {

// Where the source's segments begin (picture timestamps), for the renditions to begin theirs at
// exactly the same pictures: players switch variants at segment boundaries, which must line up
// even for a rendition that started mid-stream. Written by the source's thread, read by the
// renditions' threads, which lag it by the decoding and encoding.
class SegmentCuts
{
public:
    // The source begins segment `number` (its media sequence number) at picture `pts`.
    void add(std::int64_t pts, std::int64_t number)
    {
        std::lock_guard lock(m_mutex);
        m_cuts.emplace_back(pts, number);
        if (m_cuts.size() > kKept)
            m_cuts.pop_front();
    }

    // The number of the source's segment that begins at `pts`, if one does: a rendition's
    // segment there takes the same number, so that players match them.
    std::optional<std::int64_t> numberAt(std::int64_t pts) const
    {
        std::lock_guard lock(m_mutex);
        const auto cut = std::find_if(m_cuts.begin(), m_cuts.end(),
                                      [pts](const auto &entry) { return entry.first == pts; });
        if (cut == m_cuts.end())
            return std::nullopt;
        return cut->second;
    }

private:
    // Far more than a rendition may lag before it is dropped.
    static constexpr std::size_t kKept = 256;
    mutable std::mutex m_mutex;
    std::deque<std::pair<std::int64_t, std::int64_t>> m_cuts; // pts, segment number
};

} // namespace nova
