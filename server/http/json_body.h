#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace nova {

// Reads a request body that must be one JSON object with only the `allowed` fields; throws
// ApiError 400 (invalid_json / unknown_field) saying exactly what is wrong.
QJsonObject parseJsonObjectBody(const QByteArray &body, const QStringList &allowed);

// A required, trimmed string field of at most `maxLength` characters without control characters.
QString requireTextField(const QJsonObject &object, const QString &name, qsizetype maxLength);

} // namespace nova
