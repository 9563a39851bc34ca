// libFuzzer: Prometheus's HTTP API answers (query, query_range, alerts), as the console decodes
// them.
#include "console/prometheus/prometheus_response.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    // As a success and as an error status: Prometheus sends its error envelope with 4xx/5xx.
    for (const int status : {200, 422}) {
        auto query = nova::PrometheusResponse::parseQuery(body, status);
        if (auto *result = std::get_if<nova::PrometheusResult>(&query)) {
            for (const auto &series : result->series)
                (void)series.lastValue();
        }
        auto alerts = nova::PrometheusResponse::parseAlerts(body, status);
        if (auto *list = std::get_if<QList<nova::PrometheusAlert>>(&alerts)) {
            for (const auto &alert : *list)
                (void)alert.activeAt.isValid();
        }
    }
    return 0;
}
