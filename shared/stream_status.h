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
    Completed,
    Failed
};

// "PENDING", "ACTIVE", "COMPLETED", "FAILED": the API's and the database's spelling.
QString toString(StreamStatus status);
// Accepts any letter case; nullopt for anything else.
std::optional<StreamStatus> parseStreamStatus(QStringView text);

bool isTerminal(StreamStatus status);

} // namespace nova
