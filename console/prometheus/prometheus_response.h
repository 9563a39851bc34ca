#pragma once

#include "console/prometheus/prometheus_result.h"

#include <QByteArrayView>
#include <QList>

#include <variant>

namespace nova {

// Decodes the JSON envelopes of Prometheus's HTTP API (docs: "HTTP API", "Format overview"):
//   {"status":"success","data":...,"warnings":[...]}  or
//   {"status":"error","errorType":...,"error":...}
// Any input gives a result or an error, never a crash: the answer comes from the network.
// `httpStatus` is the reply's status (Prometheus sends its error envelope with 400, 422, 503...).
namespace PrometheusResponse {

std::variant<PrometheusResult, PrometheusError> parseQuery(QByteArrayView body, int httpStatus);
std::variant<QList<PrometheusAlert>, PrometheusError> parseAlerts(QByteArrayView body,
                                                                  int httpStatus);

// A sample value as Prometheus writes it: "1.5", "1e+00", "NaN", "+Inf", "-Inf".
std::optional<double> parseSampleValue(QStringView text);

} // namespace PrometheusResponse

} // namespace nova
