#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QUuid>

namespace nova {

// How the API writes ids and times, in one place for every body.
QString idText(const QUuid &id);                   // without braces
QJsonValue idOrNull(const QUuid &id);              // null for a null id
QJsonValue timestampOrNull(const QDateTime &time); // RFC 3339, null when invalid

} // namespace nova
