#include "ladder/playlist/codec_string.h"

#include <cstdint>

namespace nova {

namespace {
constexpr int kNalSps = 7;

QString avc1(std::uint8_t profile, std::uint8_t constraints, std::uint8_t level)
{
    return QStringLiteral("avc1.%1%2%3")
        .arg(profile, 2, 16, QLatin1Char('0'))
        .arg(constraints, 2, 16, QLatin1Char('0'))
        .arg(level, 2, 16, QLatin1Char('0'));
}

std::uint8_t at(QByteArrayView data, qsizetype i)
{
    return std::uint8_t(data[i]);
}
} // namespace

QString avcCodecString(QByteArrayView extradata)
{
    // avcC: configurationVersion 1, then the SPS's profile, constraint flags and level.
    if (extradata.size() >= 4 && at(extradata, 0) == 1)
        return avc1(at(extradata, 1), at(extradata, 2), at(extradata, 3));
    // Annex B: the first SPS after a start code; its three bytes after the NAL header.
    for (qsizetype i = 0; i + 6 < extradata.size(); ++i) {
        if (at(extradata, i) == 0 && at(extradata, i + 1) == 0 && at(extradata, i + 2) == 1 &&
            (at(extradata, i + 3) & 0x1f) == kNalSps) {
            return avc1(at(extradata, i + 4), at(extradata, i + 5), at(extradata, i + 6));
        }
    }
    return {};
}

QString aacCodecString(QByteArrayView config)
{
    if (config.isEmpty())
        return {};
    int objectType = at(config, 0) >> 3;
    if (objectType == 0)
        return {};
    if (objectType == 31) { // escape: six more bits, plus 32
        if (config.size() < 2)
            return {};
        objectType = 32 + (((at(config, 0) & 0x07) << 3) | (at(config, 1) >> 5));
    }
    return QStringLiteral("mp4a.40.%1").arg(objectType);
}

} // namespace nova
