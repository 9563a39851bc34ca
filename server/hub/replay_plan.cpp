#include "server/hub/replay_plan.h"

#include <algorithm>

namespace nova {

ReplayPlan ReplayPlan::make(QList<BusEvent> history, qint64 since, qint64 latestSeq,
                            qsizetype budgetBytes)
{
    std::sort(history.begin(), history.end(),
              [](const BusEvent &a, const BusEvent &b) { return a.seq < b.seq; });
    // The events after SEQ, each once, from the last hole on: what comes before a hole is no use
    // to a client that must refetch anyway.
    QList<BusEvent> run;
    qint64 expected = since + 1;
    bool hole = false;
    for (const BusEvent &event : std::as_const(history)) {
        if (event.seq < expected)
            continue; // before SEQ, or a repeat
        if (event.seq > expected) {
            hole = true;
            run.clear();
        }
        run.append(event);
        expected = event.seq + 1;
    }
    ReplayPlan plan;
    if (expected <= latestSeq) { // the newest are missing: nothing sent would be whole
        plan.gap = true;
        plan.oldestSeq = latestSeq + 1;
        return plan;
    }
    // The newest that fit the budget.
    qsizetype bytes = 0;
    qsizetype first = run.size();
    while (first > 0 && bytes + run.at(first - 1).json.size() <= budgetBytes)
        bytes += run.at(--first).json.size();
    plan.gap = hole || first > 0;
    plan.events = run.mid(first);
    plan.oldestSeq = plan.events.isEmpty() ? latestSeq + 1 : plan.events.first().seq;
    return plan;
}

} // namespace nova
