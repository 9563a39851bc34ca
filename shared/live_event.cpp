#include "shared/live_event.h"

#include "shared/rfc3339.h"

#include <QJsonDocument>

namespace nova {

std::optional<LiveEvent> LiveEvent::parse(QByteArrayView json)
{
    const QJsonObject object =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size())).object();
    LiveEvent event;
    event.name = object.value(u"event").toString();
    event.data = object.value(u"data").toObject();
    event.streamId = QUuid::fromString(event.data.value(u"stream_id").toString());
    event.timestamp = fromRfc3339(event.data.value(u"timestamp").toString());
    const QJsonValue seq = event.data.value(u"seq");
    if (event.name.isEmpty() || event.streamId.isNull() || !event.timestamp.isValid() ||
        !seq.isDouble() || seq.toDouble() < 1)
        return std::nullopt;
    event.seq = seq.toInteger();
    return event;
}

} // namespace nova
