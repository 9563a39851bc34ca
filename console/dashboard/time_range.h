#pragma once

#include <QDateTime>
#include <QString>

#include <chrono>

namespace nova {

// The span the dashboard shows: the last 5 m ... 24 h up to now, or a fixed custom span (chosen
// in a dialog or by dragging across a chart).
struct TimeRange
{
    enum class Preset
    {
        Last5Minutes,
        Last15Minutes,
        LastHour,
        Last6Hours,
        Last24Hours,
        Custom,
    };

    Preset preset = Preset::LastHour;
    QDateTime customFrom; // UTC, Custom only
    QDateTime customTo;

    static TimeRange last(Preset preset) { return {preset, {}, {}}; }
    static TimeRange custom(const QDateTime &from, const QDateTime &to);

    QDateTime from(const QDateTime &now) const;
    QDateTime to(const QDateTime &now) const;
    std::chrono::seconds length() const;
    QString label() const;

    // "1h", "custom:FROM_MS:TO_MS": what the settings keep.
    QString toSetting() const;
    static TimeRange fromSetting(const QString &text);

    static QList<Preset> presets();
    static QString label(Preset preset);
};

} // namespace nova
