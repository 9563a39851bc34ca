// libFuzzer: API request bodies (POST /api/v1/streams).
#include "server/http/json_body.h"
#include "shared/api_error.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        const QJsonObject object = nova::parseJsonObjectBody(body, {QStringLiteral("title")});
        (void)nova::requireTextField(object, QStringLiteral("title"), 200);
    } catch (const nova::ApiError &error) {
        if (error.status() != 400)
            __builtin_trap(); // bad input is a 400, never anything else
    }
    return 0;
}
