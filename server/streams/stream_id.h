#pragma once

#include <QString>
#include <QUuid>

namespace nova {

// A stream id from a URL: the canonical 36-character UUID form, any letter case. Throws ApiError
// 400 (invalid_id) for anything else, so that malformed ids never reach the database.
QUuid parseStreamId(const QString &text);

} // namespace nova
