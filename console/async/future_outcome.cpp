#include "console/async/future_outcome.h"

#include "console/prometheus/prometheus_result.h"
#include "shared/api_error.h"

namespace nova {

QString describeFailure(const std::exception_ptr &failure)
{
    try {
        std::rethrow_exception(failure);
    } catch (const PrometheusError &error) {
        return error.describe();
    } catch (const ApiError &error) {
        return error.message();
    } catch (const std::exception &error) {
        return QString::fromUtf8(error.what());
    } catch (...) {
    }
    return QStringLiteral("unknown failure");
}

} // namespace nova
