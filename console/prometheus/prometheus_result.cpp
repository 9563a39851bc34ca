#include "console/prometheus/prometheus_result.h"

#include <cmath>

namespace nova {

double PrometheusSeries::lastValue() const
{
    return points.isEmpty() ? std::nan("") : points.constLast().y();
}

QString PrometheusError::describe() const
{
    if (httpStatus > 0)
        return QStringLiteral("%1 (HTTP %2, %3)").arg(message).arg(httpStatus).arg(type);
    return QStringLiteral("%1 (%2)").arg(message, type);
}

} // namespace nova
