#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>
#include <QStringList>

namespace nova {

// What Prometheus's HTTP API answers, decoded: series of (time, value) points with their labels.
// x is milliseconds since the epoch (what QDateTimeAxis plots), y the sample value, which may be
// NaN or ±infinity (Prometheus sends them as the strings "NaN", "+Inf", "-Inf").
struct PrometheusSeries
{
    QMap<QString, QString> labels;
    QList<QPointF> points;

    double lastValue() const;
};

struct PrometheusResult
{
    enum class Type
    {
        Vector, // instant query: one point per series
        Matrix, // range query: many points per series
        Scalar, // one point, no labels
        String, // one string, no labels (kept in `text`)
    };

    Type type = Type::Vector;
    QList<PrometheusSeries> series; // Scalar: one series without labels
    QString text;                   // String only
    QStringList warnings;
};

// One alert of GET /api/v1/alerts.
struct PrometheusAlert
{
    enum class State
    {
        Inactive,
        Pending,
        Firing,
    };

    QString name; // the alertname label
    State state = State::Inactive;
    QMap<QString, QString> labels;
    QMap<QString, QString> annotations;
    QDateTime activeAt; // UTC; invalid when Prometheus did not say
    double value = 0;
};

// Why a call to Prometheus produced no result: its own error envelope
// ({"status":"error","errorType","error"}), an HTTP failure, a timeout or an unreadable answer.
struct PrometheusError
{
    QString type; // Prometheus's errorType (bad_data, execution, timeout...), or ours:
                  // unreachable, timeout, http, bad_response
    QString message;
    int httpStatus = 0; // 0 when no HTTP answer came

    QString describe() const;
};

} // namespace nova
