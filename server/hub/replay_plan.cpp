#include "server/hub/replay_plan.h"

namespace nova {

ReplayPlan ReplayPlan::make(const QList<BusEvent> &history, qint64 since, qint64 latestSeq)
{
    ReplayPlan plan;
    for (const BusEvent &event : history) {
        if (event.seq > since)
            plan.events.append(event);
    }
    if (history.isEmpty()) {
        // Nothing kept: complete only if nothing happened after SEQ.
        plan.gap = latestSeq > since;
        plan.oldestSeq = latestSeq + 1;
    } else {
        plan.gap = history.first().seq > since + 1;
        plan.oldestSeq = history.first().seq;
    }
    return plan;
}

} // namespace nova
