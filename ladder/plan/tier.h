#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>

namespace nova {

// One rung of the ladder as configured: a picture height and the video bitrate it is made at.
struct Tier
{
    int height = 0;
    std::int64_t bitsPerSecond = 0;

    QString name() const { return QStringLiteral("%1p").arg(height); }
    friend bool operator==(const Tier &, const Tier &) = default;
};

// The tiers setting, comma-separated: "1080p:5000k,720p:3000k,480p:1500k". A tier may also be
// written WIDTHxHEIGHT (the width is then ignored: a rendition keeps the source's shape). Rates
// take k or M. nullopt and `error` on anything else; heights must be even (H.264's 4:2:0).
std::optional<QList<Tier>> parseTiers(QStringView text, QString *error);

QString describeTiers(const QList<Tier> &tiers);

// The tiers of the documents Nova follows: 1080p at 5 Mb/s, 720p at 3 Mb/s, 480p at 1.5 Mb/s.
QList<Tier> defaultTiers();

} // namespace nova
