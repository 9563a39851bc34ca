#pragma once

#include <QString>
#include <QUuid>

namespace nova {

// A stream id from a URL (see parseRouteId); 400 invalid_id for anything else.
QUuid parseStreamId(const QString &text);

} // namespace nova
