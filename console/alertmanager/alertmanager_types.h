#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace nova {

// An alert as Alertmanager holds it (GET /api/v2/alerts): active, or muted by silences.
struct ManagedAlert
{
    QString fingerprint;
    QString name; // the alertname label
    QMap<QString, QString> labels;
    QString summary; // the summary annotation
    QDateTime startsAt;
    QStringList silencedBy; // silence ids; empty while it is active

    bool silenced() const { return !silencedBy.isEmpty(); }
};

// label = value (Alertmanager also has regular expressions and !=; the console makes only these).
struct SilenceMatcher
{
    QString name;
    QString value;
    bool isEqual = true;
    bool isRegex = false;
};

// A silence (GET /api/v2/silences).
struct Silence
{
    enum class State
    {
        Active,
        Pending, // starts later
        Expired,
    };

    QString id;
    QList<SilenceMatcher> matchers;
    QDateTime startsAt;
    QDateTime endsAt;
    QString createdBy;
    QString comment;
    State state = State::Active;
};

// What POST /api/v2/silences takes: mute alerts with these labels from now for `duration`.
struct SilenceRequest
{
    QList<SilenceMatcher> matchers;
    qint64 durationSeconds = 3600;
    QString createdBy;
    QString comment;
};

} // namespace nova
