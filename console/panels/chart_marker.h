#pragma once

#include <QList>
#include <QString>

namespace nova {

// A moment worth seeing on the time charts: a vertical line at `x` (ms since the epoch) with a
// tooltip.
struct ChartMarker
{
    enum class Kind
    {
        StreamStarted,
        StreamEnded,
        AlertFired,
        AlertResolved,
    };

    double x = 0;
    Kind kind = Kind::StreamStarted;
    QString label; // "Stream started: Morning show", "NovaReplicaDown fired"

    friend bool operator==(const ChartMarker &, const ChartMarker &) = default;
};

} // namespace nova
