#pragma once

#include <QString>

#include <chrono>
#include <deque>
#include <optional>

namespace nova {

// Dynamic bitrate: when the send queue grows past `congestedAt`, the network takes less than the
// encoder makes, so the video bitrate drops to what was actually sent over the last second (less
// the sound's share, with a margin to drain what waits); again, at most once per `lowerEvery`, only
// while the queue still grows. After `raiseAfter` with the queue near empty, it steps back up by
// `raiseStep` of the chosen bitrate at a time, to that bitrate. Pictures are dropped (SendQueue)
// only when even the lowest bitrate is too much. Pure: the pipeline passes the time and figures.
class BitrateController
{
public:
    using Clock = std::chrono::steady_clock;
    struct Policy
    {
        std::chrono::milliseconds congestedAt{200};
        std::chrono::milliseconds clearBelow{50};
        std::chrono::milliseconds lowerEvery{1'000};
        std::chrono::milliseconds raiseAfter{5'000};
        double raiseStep = 0.10;      // of the chosen bitrate
        double lowestFraction = 0.10; // of the chosen bitrate, and never below kLowestKbps
        double drainMargin = 0.85;    // of what the network took: room to empty the queue
    };
    static constexpr int kLowestKbps = 100;

    struct Change
    {
        int kbps = 0;
        QString reason;
    };

    explicit BitrateController(int chosenKbps, int audioKbps, Policy policy);
    BitrateController(int chosenKbps, int audioKbps)
        : BitrateController(chosenKbps, audioKbps, Policy{})
    {}

    // The streamer chose another bitrate: the target follows at once.
    void choose(int kbps);
    // `queuedMs`: what waits to be sent; `bytesSent`: sent so far, in all. A change to make, if
    // any.
    std::optional<Change> update(Clock::time_point now, qint64 queuedMs, qint64 bytesSent);

    int targetKbps() const { return m_target; }
    int chosenKbps() const { return m_chosen; }
    int lowestKbps() const;
    const QString &reason() const { return m_reason; }

private:
    double sentKbpsOverLastSecond() const;

    Policy m_policy;
    int m_chosen;
    int m_audio;
    int m_target;
    QString m_reason;
    std::deque<std::pair<Clock::time_point, qint64>> m_sent; // the last second or so
    std::optional<Clock::time_point> m_lastLowered;
    qint64 m_queuedWhenLowered = 0;
    std::optional<Clock::time_point> m_clearSince;
};

} // namespace nova
