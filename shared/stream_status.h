#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace nova {

// Where a stream is in its life; see StreamLifecycle for the moves between them.
enum class StreamStatus
{
    Pending,
    Active,
    Reconnecting, // the publisher is gone; the same key may resume the stream within the grace
    Completed,
    Failed
};

// "PENDING", "ACTIVE", "RECONNECTING", "COMPLETED", "FAILED": the API's and the database's
// spelling.
QString toString(StreamStatus status);
// Accepts any letter case; nullopt for anything else.
std::optional<StreamStatus> parseStreamStatus(QStringView text);

bool isTerminal(StreamStatus status);

} // namespace nova
