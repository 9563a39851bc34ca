#include "shared/capture_timestamp_sei.h"

#include <cstring>

namespace nova {

namespace {
constexpr int kSeiNalType = 6;
constexpr int kUserDataUnregistered = 5;
constexpr qsizetype kPayloadSize = 16 + 8;

// Drops the emulation-prevention bytes (00 00 03 -> 00 00) that H.264 puts inside NAL units.
QByteArray unescape(QByteArrayView nal)
{
    QByteArray out;
    out.reserve(nal.size());
    int zeros = 0;
    for (char c : nal) {
        if (zeros >= 2 && c == 0x03) {
            zeros = 0;
            continue;
        }
        zeros = c == 0 ? zeros + 1 : 0;
        out.append(c);
    }
    return out;
}

// Walks the SEI messages of one SEI NAL unit (without its header byte).
std::optional<qint64> searchSei(QByteArrayView rbsp)
{
    qsizetype at = 0;
    while (at < rbsp.size()) {
        if (rbsp.size() - at == 1 && quint8(rbsp[at]) == 0x80)
            return std::nullopt; // rbsp trailing bits
        qint64 type = 0;
        while (at < rbsp.size() && quint8(rbsp[at]) == 0xff) {
            type += 255;
            ++at;
        }
        if (at >= rbsp.size())
            return std::nullopt;
        type += quint8(rbsp[at++]);
        qint64 size = 0;
        while (at < rbsp.size() && quint8(rbsp[at]) == 0xff) {
            size += 255;
            ++at;
        }
        if (at >= rbsp.size())
            return std::nullopt;
        size += quint8(rbsp[at++]);
        if (size > rbsp.size() - at)
            return std::nullopt;
        if (type == kUserDataUnregistered) {
            if (auto time = CaptureTimestampSei::parsePayload(rbsp.sliced(at, size)))
                return time;
        }
        at += size;
    }
    return std::nullopt;
}

std::optional<qint64> searchNal(QByteArrayView nal)
{
    if (nal.isEmpty() || (quint8(nal[0]) & 0x1f) != kSeiNalType)
        return std::nullopt;
    return searchSei(unescape(nal.sliced(1)));
}
} // namespace

QByteArray CaptureTimestampSei::payload(qint64 microsSinceEpoch)
{
    QByteArray out(reinterpret_cast<const char *>(kUuid.data()), qsizetype(kUuid.size()));
    for (int shift = 56; shift >= 0; shift -= 8)
        out.append(char((quint64(microsSinceEpoch) >> shift) & 0xff));
    return out;
}

std::optional<qint64> CaptureTimestampSei::parsePayload(QByteArrayView payload)
{
    if (payload.size() < kPayloadSize ||
        std::memcmp(payload.data(), kUuid.data(), kUuid.size()) != 0)
        return std::nullopt;
    quint64 value = 0;
    for (qsizetype i = 16; i < kPayloadSize; ++i)
        value = (value << 8) | quint8(payload[i]);
    return qint64(value);
}

std::optional<qint64> CaptureTimestampSei::find(QByteArrayView accessUnit, Framing framing)
{
    if (framing == Framing::LengthPrefixed) {
        qsizetype at = 0;
        while (accessUnit.size() - at >= 4) {
            const quint32 length = (quint32(quint8(accessUnit[at])) << 24) |
                                   (quint32(quint8(accessUnit[at + 1])) << 16) |
                                   (quint32(quint8(accessUnit[at + 2])) << 8) |
                                   quint32(quint8(accessUnit[at + 3]));
            at += 4;
            if (length > quint64(accessUnit.size() - at))
                return std::nullopt;
            if (auto time = searchNal(accessUnit.sliced(at, length)))
                return time;
            at += length;
        }
        return std::nullopt;
    }

    // Annex B: NAL units between 00 00 01 start codes (a leading zero byte makes 00 00 00 01).
    qsizetype start = -1;
    for (qsizetype i = 0; i + 2 < accessUnit.size(); ++i) {
        if (accessUnit[i] != 0 || accessUnit[i + 1] != 0 || accessUnit[i + 2] != 1)
            continue;
        if (start >= 0) {
            qsizetype end = i;
            while (end > start && accessUnit[end - 1] == 0)
                --end;
            if (auto time = searchNal(accessUnit.sliced(start, end - start)))
                return time;
        }
        start = i + 3;
        i += 2;
    }
    if (start >= 0 && start < accessUnit.size())
        return searchNal(accessUnit.sliced(start));
    return std::nullopt;
}

} // namespace nova
