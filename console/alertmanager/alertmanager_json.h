#pragma once

#include "console/alertmanager/alertmanager_types.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace nova {

// Alertmanager's API v2 bodies. The parsers take what the network gives: nullopt for anything that
// is not the documented shape, never a crash.
namespace AlertmanagerJson {

std::optional<QList<ManagedAlert>> parseAlerts(const QByteArray &body);
std::optional<QList<Silence>> parseSilences(const QByteArray &body);
// The answer to POST /api/v2/silences: the new silence's id.
std::optional<QString> parseSilenceId(const QByteArray &body);
// The body of POST /api/v2/silences, starting at `now`.
QJsonObject toJson(const SilenceRequest &request, const QDateTime &now);

} // namespace AlertmanagerJson

} // namespace nova
