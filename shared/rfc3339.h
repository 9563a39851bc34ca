#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

namespace nova {

// The one timestamp format on the wire: RFC 3339, UTC, milliseconds ("2026-11-22T09:30:00.125Z").
QString toRfc3339(const QDateTime &time);
// Accepts any RFC 3339 offset; returns an invalid QDateTime for anything else.
QDateTime fromRfc3339(QStringView text);

} // namespace nova
