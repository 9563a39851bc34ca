#pragma once

#include <cmath>
#include <limits>

namespace nova {

// One meter reading of a stretch of sound: its peak and RMS in dBFS (0 is full scale; silence is
// minus infinity, shown as the meter's floor).
struct AudioLevel
{
    static constexpr double kSilence = -std::numeric_limits<double>::infinity();
    double peakDbfs = kSilence;
    double rmsDbfs = kSilence;

    static double toDbfs(double amplitude)
    {
        return amplitude > 0.0 ? 20.0 * std::log10(amplitude) : kSilence;
    }
};

// Adds up samples into one AudioLevel.
class AudioLevelMeter
{
public:
    void add(float sample)
    {
        const double magnitude = std::fabs(double(sample));
        if (magnitude > m_peak)
            m_peak = magnitude;
        m_sumOfSquares += double(sample) * double(sample);
        ++m_count;
    }
    AudioLevel reading() const
    {
        AudioLevel level;
        level.peakDbfs = AudioLevel::toDbfs(m_peak);
        level.rmsDbfs = m_count ? AudioLevel::toDbfs(std::sqrt(m_sumOfSquares / double(m_count)))
                                : AudioLevel::kSilence;
        return level;
    }

private:
    double m_peak = 0.0;
    double m_sumOfSquares = 0.0;
    long long m_count = 0;
};

} // namespace nova
