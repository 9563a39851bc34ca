#pragma once

extern "C" {
#include <libavutil/avutil.h>
}

#include <algorithm>
#include <atomic>
#include <cstdint>

namespace nova {

// How far a stage of the ladder (the decoder, a rendition) trails what it was given: the
// timestamps of the newest picture handed to it and of the newest it has finished, set on two
// threads and read on a third.
class StageLag
{
public:
    explicit StageLag(AVRational timeBase)
        : m_timeBase(timeBase)
    {}

    void given(std::int64_t pts) { m_given = pts; }
    void finished(std::int64_t pts) { m_finished = pts; }

    // In seconds; 0 until the stage has finished a first picture (how long that one takes is the
    // stage before it's part).
    double seconds() const
    {
        const std::int64_t given = m_given;
        const std::int64_t finished = m_finished;
        if (given == AV_NOPTS_VALUE || finished == AV_NOPTS_VALUE)
            return 0;
        return std::max(0.0, double(given - finished) * av_q2d(m_timeBase));
    }

private:
    AVRational m_timeBase;
    std::atomic<std::int64_t> m_given{AV_NOPTS_VALUE};
    std::atomic<std::int64_t> m_finished{AV_NOPTS_VALUE};
};

} // namespace nova
