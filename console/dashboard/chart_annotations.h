#pragma once

#include "console/panels/chart_marker.h"
#include "shared/stream.h"

#include <QDateTime>

#include <chrono>

namespace nova {

struct PrometheusResult;

// What the time charts mark: streams starting and ending, alerts firing and resolving.
namespace ChartAnnotations {

// Starts and ends of `streams` within [from, to].
QList<ChartMarker> ofStreams(const QList<Stream> &streams, const QDateTime &from,
                             const QDateTime &to);
// From ALERTS{alertstate="firing"} over a range at `step`: each unbroken run of samples of an
// alert fired at its first sample and resolved after its last, unless the run reaches `to`
// (still firing).
QList<ChartMarker> ofAlerts(const PrometheusResult &firing, std::chrono::seconds step,
                            const QDateTime &to);

} // namespace ChartAnnotations

} // namespace nova
