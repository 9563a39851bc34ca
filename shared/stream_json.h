#pragma once

#include "shared/stream.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace nova {

// The API's JSON shapes for streams (DESIGN.md, REST API), in both directions.

// GET /streams/{id} and list items.
QJsonObject toJson(const Stream &stream, const QDateTime &now);
// POST /streams (201): the only answer that ever holds the key.
QJsonObject toJson(const CreatedStream &created);
// rtmp_urls, as creating a stream and replacing its key answer them.
QJsonArray toJson(const QList<QUrl> &urls);

// Parses either shape; nullopt when the object is not a stream (missing or malformed id/status).
std::optional<Stream> streamFromJson(const QJsonObject &object);
std::optional<CreatedStream> createdStreamFromJson(const QJsonObject &object);

} // namespace nova
