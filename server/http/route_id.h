#pragma once

#include <QString>
#include <QUuid>

namespace nova {

// An id from a URL: the canonical 36-character UUID form, any letter case. Throws ApiError 400
// (invalid_id) naming `what` ("stream", "account", "token") for anything else, so that malformed
// ids never reach the database.
QUuid parseRouteId(const QString &text, const QString &what);

} // namespace nova
