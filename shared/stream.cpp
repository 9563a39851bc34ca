#include "shared/stream.h"

namespace nova {

qint64 Stream::durationSeconds(const QDateTime &now) const
{
    if (!startedAt.isValid())
        return 0;
    const QDateTime end = endedAt.isValid() ? endedAt : now;
    return std::max<qint64>(0, startedAt.secsTo(end));
}

bool Stream::playable() const
{
    return playableAt.isValid() &&
           (status == StreamStatus::Active || status == StreamStatus::Reconnecting);
}

} // namespace nova
