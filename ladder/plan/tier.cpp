#include "ladder/plan/tier.h"

#include <QRegularExpression>

namespace nova {

namespace {
constexpr int kMaxHeight = 4320;
constexpr std::int64_t kMinRate = 64'000;
constexpr std::int64_t kMaxRate = 100'000'000;

std::optional<std::int64_t> parseRate(QStringView text)
{
    std::int64_t unit = 1;
    if (text.endsWith(u'k') || text.endsWith(u'K'))
        unit = 1000;
    else if (text.endsWith(u'M') || text.endsWith(u'm'))
        unit = 1'000'000;
    if (unit != 1)
        text.chop(1);
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return std::int64_t(value * double(unit));
}
} // namespace

std::optional<QList<Tier>> parseTiers(QStringView text, QString *error)
{
    static const QRegularExpression kTier(
        QStringLiteral("^(?:(\\d+)p|\\d+x(\\d+)):([0-9.]+[kKmM]?)$"));
    QList<Tier> tiers;
    if (text.trimmed().isEmpty())
        return tiers; // no renditions: the source alone
    for (QStringView part : text.split(u',')) {
        part = part.trimmed();
        const QRegularExpressionMatch match = kTier.match(part.toString());
        if (!match.hasMatch()) {
            *error =
                QStringLiteral("'%1' is not a tier: write HEIGHTp:RATE, e.g. 720p:3000k").arg(part);
            return std::nullopt;
        }
        const QStringView height =
            match.capturedView(1).isEmpty() ? match.capturedView(2) : match.capturedView(1);
        Tier tier;
        tier.height = height.toInt();
        if (tier.height < 16 || tier.height > kMaxHeight || tier.height % 2 != 0) {
            *error = QStringLiteral("tier '%1': the height must be even, 16 to %2")
                         .arg(part)
                         .arg(kMaxHeight);
            return std::nullopt;
        }
        const std::optional<std::int64_t> rate = parseRate(match.capturedView(3));
        if (!rate || *rate < kMinRate || *rate > kMaxRate) {
            *error = QStringLiteral("tier '%1': the rate must be 64k to 100M").arg(part);
            return std::nullopt;
        }
        tier.bitsPerSecond = *rate;
        for (const Tier &other : tiers) {
            if (other.height == tier.height) {
                *error = QStringLiteral("tier %1 is given twice").arg(tier.name());
                return std::nullopt;
            }
        }
        tiers.append(tier);
    }
    return tiers;
}

QString describeTiers(const QList<Tier> &tiers)
{
    QStringList parts;
    for (const Tier &tier : tiers)
        parts.append(QStringLiteral("%1:%2k").arg(tier.name()).arg(tier.bitsPerSecond / 1000));
    return parts.join(u',');
}

QList<Tier> defaultTiers()
{
    return {{1080, 5'000'000}, {720, 3'000'000}, {480, 1'500'000}};
}

} // namespace nova
