// libFuzzer: the query of a WebSocket upgrade (?since, ?viewer) as the hub's route checks read it.
#include "server/cache/viewer_presence.h"
#include "server/hub/hub_upgrade.h"
#include "shared/api_error.h"

#include <QUrlQuery>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QUrlQuery query(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    static const QUuid stream = QUuid::createUuidV5(QUuid(), QStringLiteral("fuzz"));
    try {
        const nova::HubUpgrade viewer = nova::HubUpgrade::viewer(stream, query, true);
        // A viewer asks for its own stream only, from a seq that can exist.
        if (viewer.since.size() > 1 ||
            (viewer.since.size() == 1 && viewer.since.value(stream, -1) < 0))
            __builtin_trap();
        if (!viewer.viewerId.isEmpty() && !nova::ViewerPresence::isViewerId(viewer.viewerId))
            __builtin_trap();
    } catch (const nova::ApiError &error) {
        if (error.status() != 400)
            __builtin_trap();
    }
    const nova::HubUpgrade feed = nova::HubUpgrade::operatorFeed(query);
    if (feed.since.size() > 100)
        __builtin_trap();
    for (const auto &[id, seq] : feed.since.asKeyValueRange()) {
        if (id.isNull() || seq < 0)
            __builtin_trap();
    }
    return 0;
}
