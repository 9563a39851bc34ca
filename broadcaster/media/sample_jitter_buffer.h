#pragma once

#include "broadcaster/media/video_format.h"

#include <cstddef>
#include <deque>
#include <mutex>

struct AVFrame;

namespace nova {

// Sound that arrives unevenly on one thread (a sound server's deliveries, a file's decoder) and is
// taken in even runs on another (the pipeline's). The samples wait here in order, about
// `targetMs` of them: sound starts (and starts again after running dry) only once that much has
// come, so uneven arrivals make one pause, not a crackle of them. When more than `maxMs` piles up
// (two clocks drift apart) it skips back to the target once, so the sound never lags by more.
class SampleJitterBuffer
{
public:
    SampleJitterBuffer(AudioFormat format, int targetMs, int maxMs);

    // `count` interleaved samples (frames × channels) at the format's rate and channels.
    void push(const float *interleaved, std::size_t count);
    // Fills planar-float `frame` (its nb_samples per channel); silence while priming.
    void fill(AVFrame *frame);

private:
    AudioFormat m_format;
    std::size_t m_target; // in samples, all channels
    std::size_t m_max;
    std::mutex m_mutex;
    std::deque<float> m_samples; // under m_mutex
    bool m_priming = true;       // under m_mutex
};

} // namespace nova
