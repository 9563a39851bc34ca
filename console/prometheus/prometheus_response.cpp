#include "console/prometheus/prometheus_response.h"

#include "shared/rfc3339.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace nova::PrometheusResponse {

namespace {

PrometheusError badResponse(const QString &why, int httpStatus)
{
    return {QStringLiteral("bad_response"),
            QStringLiteral("unreadable answer from Prometheus: ") + why, httpStatus};
}

struct Envelope
{
    QJsonObject data;
    QStringList warnings; // travel beside "data"
};

// The envelope's "data" when status is success, else the error it carries.
std::variant<Envelope, PrometheusError> envelope(QByteArrayView body, int httpStatus)
{
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (httpStatus >= 400)
            return PrometheusError{QStringLiteral("http"),
                                   QStringLiteral("Prometheus answered HTTP %1").arg(httpStatus),
                                   httpStatus};
        return badResponse(QStringLiteral("not a JSON object"), httpStatus);
    }
    const QJsonObject root = document.object();
    const QString status = root.value(u"status").toString();
    if (status == u"error") {
        QString message = root.value(u"error").toString();
        if (message.isEmpty())
            message = QStringLiteral("Prometheus reported an error without a message");
        QString type = root.value(u"errorType").toString();
        if (type.isEmpty())
            type = QStringLiteral("error");
        return PrometheusError{type, message, httpStatus};
    }
    if (status != u"success")
        return badResponse(QStringLiteral("no \"status\" of success or error"), httpStatus);
    if (httpStatus >= 400)
        return PrometheusError{QStringLiteral("http"),
                               QStringLiteral("Prometheus answered HTTP %1").arg(httpStatus),
                               httpStatus};
    if (!root.value(u"data").isObject())
        return badResponse(QStringLiteral("no \"data\" object"), httpStatus);
    Envelope result{root.value(u"data").toObject(), {}};
    for (const QJsonValue &warning : root.value(u"warnings").toArray())
        result.warnings.append(warning.toString());
    return result;
}

QMap<QString, QString> stringMap(const QJsonValue &value)
{
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

// [time, "value"]: time in (fractional) Unix seconds.
std::optional<QPointF> samplePoint(const QJsonValue &value)
{
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return std::nullopt;
    const double seconds = pair.at(0).toDouble();
    if (!std::isfinite(seconds))
        return std::nullopt;
    const auto sample = parseSampleValue(pair.at(1).toString());
    if (!sample)
        return std::nullopt;
    return QPointF(std::round(seconds * 1000.0), *sample);
}

std::optional<PrometheusSeries> seriesOf(const QJsonValue &item, bool matrix)
{
    if (!item.isObject())
        return std::nullopt;
    const QJsonObject object = item.toObject();
    PrometheusSeries series;
    series.labels = stringMap(object.value(u"metric"));
    if (matrix) {
        // Native histograms come as "histograms" beside or instead of "values": not charted.
        const QJsonArray values = object.value(u"values").toArray();
        series.points.reserve(values.size());
        for (const QJsonValue &value : values) {
            const auto point = samplePoint(value);
            if (!point)
                return std::nullopt;
            series.points.append(*point);
        }
    } else if (object.contains(u"value")) {
        const auto point = samplePoint(object.value(u"value"));
        if (!point)
            return std::nullopt;
        series.points.append(*point);
    }
    return series;
}

} // namespace

std::optional<double> parseSampleValue(QStringView text)
{
    if (text == u"NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == u"+Inf" || text == u"Inf")
        return std::numeric_limits<double>::infinity();
    if (text == u"-Inf")
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

std::variant<PrometheusResult, PrometheusError> parseQuery(QByteArrayView body, int httpStatus)
{
    auto data = envelope(body, httpStatus);
    if (auto *error = std::get_if<PrometheusError>(&data))
        return *error;
    const QJsonObject &object = std::get<Envelope>(data).data;

    PrometheusResult result;
    result.warnings = std::get<Envelope>(data).warnings;

    const QString type = object.value(u"resultType").toString();
    const QJsonValue payload = object.value(u"result");
    if (type == u"vector" || type == u"matrix") {
        const bool matrix = type == u"matrix";
        result.type = matrix ? PrometheusResult::Type::Matrix : PrometheusResult::Type::Vector;
        if (!payload.isArray())
            return badResponse(QStringLiteral("\"result\" of a %1 is not an array").arg(type),
                               httpStatus);
        const QJsonArray items = payload.toArray();
        result.series.reserve(items.size());
        for (const QJsonValue &item : items) {
            auto series = seriesOf(item, matrix);
            if (!series)
                return badResponse(QStringLiteral("malformed series in a %1").arg(type),
                                   httpStatus);
            result.series.append(std::move(*series));
        }
        return result;
    }
    if (type == u"scalar") {
        const auto point = samplePoint(payload);
        if (!point)
            return badResponse(QStringLiteral("malformed scalar"), httpStatus);
        result.type = PrometheusResult::Type::Scalar;
        result.series.append(PrometheusSeries{{}, {*point}});
        return result;
    }
    if (type == u"string") {
        const QJsonArray pair = payload.toArray();
        if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
            return badResponse(QStringLiteral("malformed string result"), httpStatus);
        result.type = PrometheusResult::Type::String;
        result.text = pair.at(1).toString();
        return result;
    }
    return badResponse(QStringLiteral("unknown resultType \"%1\"").arg(type.left(40)), httpStatus);
}

std::variant<QList<PrometheusAlert>, PrometheusError> parseAlerts(QByteArrayView body,
                                                                  int httpStatus)
{
    auto data = envelope(body, httpStatus);
    if (auto *error = std::get_if<PrometheusError>(&data))
        return *error;
    const QJsonValue alerts = std::get<Envelope>(data).data.value(u"alerts");
    if (!alerts.isArray())
        return badResponse(QStringLiteral("no \"alerts\" array"), httpStatus);

    QList<PrometheusAlert> list;
    for (const QJsonValue &item : alerts.toArray()) {
        if (!item.isObject())
            return badResponse(QStringLiteral("an alert is not an object"), httpStatus);
        const QJsonObject object = item.toObject();
        PrometheusAlert alert;
        alert.labels = stringMap(object.value(u"labels"));
        alert.annotations = stringMap(object.value(u"annotations"));
        alert.name = alert.labels.value(QStringLiteral("alertname"));
        const QString state = object.value(u"state").toString();
        if (state == u"firing")
            alert.state = PrometheusAlert::State::Firing;
        else if (state == u"pending")
            alert.state = PrometheusAlert::State::Pending;
        else if (state == u"inactive")
            alert.state = PrometheusAlert::State::Inactive;
        else
            return badResponse(QStringLiteral("an alert has no known state"), httpStatus);
        alert.activeAt = fromRfc3339(object.value(u"activeAt").toString());
        alert.value = parseSampleValue(object.value(u"value").toString()).value_or(std::nan(""));
        list.append(std::move(alert));
    }
    return list;
}

} // namespace nova::PrometheusResponse
