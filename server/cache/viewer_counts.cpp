#include "server/cache/viewer_counts.h"

#include "shared/live_event.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace nova {

void ViewerCounts::apply(const BusEvent &event)
{
    if (event.name != QLatin1StringView(LiveEvent::kViewerCountChanged))
        return;
    Count &count = m_counts[event.streamId];
    if (event.seq <= count.seq)
        return;
    const QJsonObject data = QJsonDocument::fromJson(event.json).object().value(u"data").toObject();
    // A peak never goes down, even if whoever counted had forgotten it.
    count = {data.value(u"viewer_count").toInt(),
             std::max(count.peak, data.value(u"peak_viewers").toInt()), event.seq};
}

int ViewerCounts::highestPeak() const
{
    int highest = 0;
    for (const Count &count : m_counts)
        highest = std::max(highest, count.peak);
    return highest;
}

} // namespace nova
