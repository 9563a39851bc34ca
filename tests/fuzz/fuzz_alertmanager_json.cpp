// libFuzzer: Alertmanager's API v2 answers (alerts, silences, a new silence's id), as the console
// decodes them.
#include "console/alertmanager/alertmanager_json.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto alerts = nova::AlertmanagerJson::parseAlerts(body)) {
        for (const auto &alert : *alerts)
            (void)alert.silenced();
    }
    if (const auto silences = nova::AlertmanagerJson::parseSilences(body)) {
        for (const auto &silence : *silences)
            (void)silence.matchers.size();
    }
    (void)nova::AlertmanagerJson::parseSilenceId(body);
    return 0;
}
