#pragma once

namespace nova {

// Tells a stage of the ladder that cannot keep up from one that is only catching up: behind real
// time by more than the limit, and no less behind than at the last look. One that was given room
// (another rendition dropped) and is working off its backlog is left to finish doing so.
class PaceWatch
{
public:
    explicit PaceWatch(double maxSecondsBehind)
        : m_max(maxSecondsBehind)
    {}

    // Called at each look with how far behind the stage is now.
    bool fallingBehind(double secondsBehind)
    {
        const bool falling = secondsBehind > m_max && secondsBehind >= m_before;
        m_before = secondsBehind;
        return falling;
    }

private:
    double m_max;
    double m_before = 0;
};

} // namespace nova
