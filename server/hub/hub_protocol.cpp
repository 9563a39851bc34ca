#include "server/hub/hub_protocol.h"

#include "shared/rfc3339.h"

#include <QDateTime>
#include <QJsonDocument>

namespace nova::hub {

QByteArray notice(const char *name, QJsonObject data)
{
    data.insert(QStringLiteral("timestamp"), toRfc3339(QDateTime::currentDateTimeUtc()));
    return QJsonDocument(QJsonObject{{QStringLiteral("event"), QLatin1StringView(name)},
                                     {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

} // namespace nova::hub
