#pragma once

#include "server/cache/bus_event.h"

#include <QHash>
#include <QUuid>

namespace nova {

// The latest viewer count and peak of every stream, as the viewer_count_changed events on the bus
// tell them: what GET /streams/{id} and the history show, without asking Redis per request.
class ViewerCounts
{
public:
    struct Count
    {
        int viewers = 0;
        int peak = 0;
        qint64 seq = 0;
    };

    void apply(const BusEvent &event);
    Count of(const QUuid &id) const { return m_counts.value(id); }
    void forget(const QUuid &id) { m_counts.remove(id); }
    // The highest peak among the streams it knows.
    int highestPeak() const;

private:
    QHash<QUuid, Count> m_counts;
};

} // namespace nova
