#pragma once

#include "server/cache/bus_event.h"

#include <QList>

namespace nova {

// What to send a client that reconnects with ?since=SEQ, from a stream's recent history and the
// latest seq known: the events after SEQ, and whether some it missed cannot be sent. Only a run
// without holes up to the latest seq is sent, and no more than a budget of bytes (the newest that
// fit), so that a replay never overflows the client's queue and never skips an event unsaid: what
// is left out is announced (replay_unavailable), and the client refetches the stream's state.
struct ReplayPlan
{
    // A replay never takes more than half of what a client may have queued (HubSession).
    static constexpr qsizetype kDefaultBudgetBytes = 512 * 1024;

    QList<BusEvent> events;
    bool gap = false;     // some events after SEQ are not sent
    qint64 oldestSeq = 0; // the first seq sent (latest + 1 when none): from there on, all follow

    // `history` in any order, repeats allowed (Redis's list and this replica's memory together).
    static ReplayPlan make(QList<BusEvent> history, qint64 since, qint64 latestSeq,
                           qsizetype budgetBytes = kDefaultBudgetBytes);
};

} // namespace nova
