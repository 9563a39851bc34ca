#include "broadcaster/pipeline/bitrate_controller.h"

#include <algorithm>
#include <cmath>

namespace nova {

BitrateController::BitrateController(int chosenKbps, int audioKbps, Policy policy)
    : m_policy(policy)
    , m_chosen(chosenKbps)
    , m_audio(audioKbps)
    , m_target(chosenKbps)
{}

int BitrateController::lowestKbps() const
{
    return std::min(m_chosen, std::max(kLowestKbps, int(m_chosen * m_policy.lowestFraction)));
}

void BitrateController::choose(int kbps)
{
    m_chosen = kbps;
    m_target = kbps;
    m_reason.clear();
    m_lastLowered.reset();
    m_queuedWhenLowered = 0;
    m_clearSince.reset();
}

double BitrateController::sentKbpsOverLastSecond() const
{
    if (m_sent.size() < 2)
        return 0.0;
    const auto &[firstTime, firstBytes] = m_sent.front();
    const auto &[lastTime, lastBytes] = m_sent.back();
    const double seconds = std::chrono::duration<double>(lastTime - firstTime).count();
    return seconds > 0.0 ? double(lastBytes - firstBytes) * 8.0 / 1000.0 / seconds : 0.0;
}

std::optional<BitrateController::Change>
BitrateController::update(Clock::time_point now, qint64 queuedMs, qint64 bytesSent)
{
    m_sent.emplace_back(now, bytesSent);
    while (m_sent.size() > 2 && now - m_sent[1].first >= std::chrono::seconds(1))
        m_sent.pop_front();

    if (queuedMs >= m_policy.congestedAt.count()) {
        m_clearSince.reset();
        if (m_target <= lowestKbps())
            return std::nullopt; // as low as it goes: the send queue drops pictures now
        // Once lowered, again only when the queue still grows a while later: a queue that
        // shrinks is draining at the new bitrate.
        if (m_lastLowered &&
            (now - *m_lastLowered < m_policy.lowerEvery || queuedMs <= m_queuedWhenLowered))
            return std::nullopt;
        const bool measured = m_sent.size() >= 2 && m_sent.back().first - m_sent.front().first >=
                                                        std::chrono::milliseconds(500);
        const double taken = measured ? sentKbpsOverLastSecond() : 0.0;
        // What the network took, less the sound, with room to drain; without a second of
        // figures yet, a quarter lower.
        int fits =
            measured ? int(std::floor((taken - m_audio) * m_policy.drainMargin)) : m_target * 3 / 4;
        // Still growing after a lowering: what was "sent" overstates what the network takes (it
        // went into buffers along the way), so at least a quarter lower each time.
        if (m_lastLowered)
            fits = std::min(fits, m_target * 3 / 4);
        const int lowered =
            std::clamp(fits, lowestKbps(), std::max(lowestKbps(), m_target * 9 / 10));
        m_lastLowered = now;
        m_queuedWhenLowered = queuedMs;
        if (lowered >= m_target)
            return std::nullopt;
        m_target = lowered;
        m_reason = measured ? QStringLiteral("the network took %1 kb/s with %2 ms waiting")
                                  .arg(int(std::lround(taken)))
                                  .arg(queuedMs)
                            : QStringLiteral("%1 ms waiting to be sent").arg(queuedMs);
        return Change{m_target, m_reason};
    }
    if (queuedMs > m_policy.clearBelow.count() || m_target >= m_chosen) {
        m_clearSince.reset();
        return std::nullopt;
    }
    if (!m_clearSince) {
        m_clearSince = now;
        return std::nullopt;
    }
    if (now - *m_clearSince < m_policy.raiseAfter)
        return std::nullopt;
    m_clearSince = now; // the next step after as long again
    m_target = std::min(m_chosen, m_target + std::max(1, int(m_chosen * m_policy.raiseStep)));
    m_reason = m_target >= m_chosen
                   ? QStringLiteral("the network keeps up: back at the chosen bitrate")
                   : QStringLiteral("the network keeps up: stepping back up");
    return Change{m_target, m_reason};
}

} // namespace nova
