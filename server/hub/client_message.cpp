#include "server/hub/client_message.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace nova {

namespace {
ClientMessage invalid(const QString &why)
{
    ClientMessage message;
    message.error = why;
    return message;
}
} // namespace

ClientMessage ClientMessage::parse(QByteArrayView text)
{
    if (text.size() > kMaxBytes)
        return invalid(QStringLiteral("message too large"));
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return invalid(QStringLiteral("messages are JSON objects"));
    const QJsonObject object = document.object();
    const QString type = object.value(u"type").toString();
    if (type == u"ping" && object.size() == 1) {
        ClientMessage message;
        message.kind = Kind::Ping;
        return message;
    }
    if (type == u"replay" && object.size() == 2) {
        const QJsonValue since = object.value(u"since");
        const double value = since.toDouble(-1);
        if (!since.isDouble() || value < 0 || value > 9.0e15 || value != double(qint64(value)))
            return invalid(QStringLiteral("'since' must be a whole number >= 0"));
        ClientMessage message;
        message.kind = Kind::Replay;
        message.since = qint64(value);
        return message;
    }
    return invalid(QStringLiteral("unknown message; send {\"type\":\"ping\"} or "
                                  "{\"type\":\"replay\",\"since\":N}"));
}

} // namespace nova
