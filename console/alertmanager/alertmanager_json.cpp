#include "console/alertmanager/alertmanager_json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace nova::AlertmanagerJson {

namespace {
std::optional<QJsonArray> array(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return std::nullopt;
    return document.array();
}

QMap<QString, QString> stringMap(const QJsonValue &value)
{
    QMap<QString, QString> out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isString())
            out.insert(it.key(), it.value().toString());
    }
    return out;
}

QDateTime time(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QString rfc3339(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

std::optional<QList<ManagedAlert>> parseAlerts(const QByteArray &body)
{
    const auto items = array(body);
    if (!items)
        return std::nullopt;
    QList<ManagedAlert> alerts;
    for (const QJsonValue &item : *items) {
        const QJsonObject object = item.toObject();
        ManagedAlert alert;
        alert.fingerprint = object.value(u"fingerprint").toString();
        alert.labels = stringMap(object.value(u"labels"));
        alert.name = alert.labels.value(QStringLiteral("alertname"));
        if (alert.fingerprint.isEmpty() || alert.name.isEmpty())
            return std::nullopt;
        alert.summary = stringMap(object.value(u"annotations")).value(QStringLiteral("summary"));
        alert.startsAt = time(object.value(u"startsAt"));
        for (const QJsonValue &id :
             object.value(u"status").toObject().value(u"silencedBy").toArray()) {
            if (id.isString())
                alert.silencedBy.append(id.toString());
        }
        alerts.append(alert);
    }
    return alerts;
}

std::optional<QList<Silence>> parseSilences(const QByteArray &body)
{
    const auto items = array(body);
    if (!items)
        return std::nullopt;
    QList<Silence> silences;
    for (const QJsonValue &item : *items) {
        const QJsonObject object = item.toObject();
        Silence silence;
        silence.id = object.value(u"id").toString();
        if (silence.id.isEmpty())
            return std::nullopt;
        for (const QJsonValue &m : object.value(u"matchers").toArray()) {
            const QJsonObject matcher = m.toObject();
            silence.matchers.append(
                {matcher.value(u"name").toString(), matcher.value(u"value").toString(),
                 matcher.value(u"isEqual").toBool(true), matcher.value(u"isRegex").toBool()});
        }
        silence.startsAt = time(object.value(u"startsAt"));
        silence.endsAt = time(object.value(u"endsAt"));
        silence.createdBy = object.value(u"createdBy").toString();
        silence.comment = object.value(u"comment").toString();
        const QString state = object.value(u"status").toObject().value(u"state").toString();
        silence.state = state == u"expired"   ? Silence::State::Expired
                        : state == u"pending" ? Silence::State::Pending
                                              : Silence::State::Active;
        silences.append(silence);
    }
    return silences;
}

std::optional<QString> parseSilenceId(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QString id = document.object().value(u"silenceID").toString();
    if (id.isEmpty())
        return std::nullopt;
    return id;
}

QJsonObject toJson(const SilenceRequest &request, const QDateTime &now)
{
    QJsonArray matchers;
    for (const SilenceMatcher &matcher : request.matchers)
        matchers.append(QJsonObject{{QStringLiteral("name"), matcher.name},
                                    {QStringLiteral("value"), matcher.value},
                                    {QStringLiteral("isEqual"), matcher.isEqual},
                                    {QStringLiteral("isRegex"), matcher.isRegex}});
    return {{QStringLiteral("matchers"), matchers},
            {QStringLiteral("startsAt"), rfc3339(now)},
            {QStringLiteral("endsAt"), rfc3339(now.addSecs(request.durationSeconds))},
            {QStringLiteral("createdBy"), request.createdBy},
            {QStringLiteral("comment"), request.comment}};
}

} // namespace nova::AlertmanagerJson
