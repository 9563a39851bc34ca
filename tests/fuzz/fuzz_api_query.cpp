// libFuzzer: query strings of the API (list cursors, history ranges).
#include "server/store/stream_page_cursor.h"
#include "server/streams/history_query.h"
#include "shared/api_error.h"
#include "shared/qt_compat.h"

#include <QDateTime>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)nova::StreamPageCursor::decode(text);
    try {
        const auto query = nova::HistoryQuery::parse(
            QUrlQuery(text), nova::utcFromMSecsSinceEpoch(1'795'000'000'000));
        if (query.from >= query.to || query.step.count() < 1)
            __builtin_trap();
    } catch (const nova::ApiError &error) {
        if (error.status() != 400)
            __builtin_trap();
    }
    return 0;
}
