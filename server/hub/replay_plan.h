#pragma once

#include "server/cache/bus_event.h"

#include <QList>

namespace nova {

// What to send a client that reconnects with ?since=SEQ, from a stream's recent history (oldest
// first) and the latest seq known: the events after SEQ, and whether some it missed are gone.
struct ReplayPlan
{
    QList<BusEvent> events;
    bool gap = false;     // events between SEQ and the oldest kept are gone
    qint64 oldestSeq = 0; // the first seq that can still be sent (for the notice)

    static ReplayPlan make(const QList<BusEvent> &history, qint64 since, qint64 latestSeq);
};

} // namespace nova
