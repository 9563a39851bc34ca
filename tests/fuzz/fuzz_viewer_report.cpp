// libFuzzer: watch pages' reports (POST /api/v1/streams/{id}/viewers).
#include "server/cache/viewer_presence.h"
#include "server/viewers/viewer_report.h"
#include "shared/api_error.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        const nova::ViewerReport report = nova::ViewerReport::parse(body);
        // What passes is what the histograms and the presence set may take.
        if (!nova::ViewerPresence::isViewerId(report.viewer) || report.stalls < 0 ||
            report.stalls > nova::ViewerReport::kMaxStalls ||
            (report.latencySeconds &&
             !(*report.latencySeconds >= 0 && *report.latencySeconds <= 120)) ||
            (report.startupSeconds && !std::isfinite(*report.startupSeconds)))
            __builtin_trap();
    } catch (const nova::ApiError &error) {
        if (error.status() != 400)
            __builtin_trap(); // bad input is a 400, never anything else
    }
    return 0;
}
