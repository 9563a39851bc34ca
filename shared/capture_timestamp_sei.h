#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <cstdint>
#include <optional>

namespace nova {

// The broadcaster's capture wall-clock time, carried in H.264 SEI "user data unregistered"
// (payload type 5): a fixed 16-byte UUID of the project's, then the capture time as 8 bytes,
// big-endian microseconds since the Unix epoch. The server reads it back from the ingested stream
// to measure ingest latency.
class CaptureTimestampSei
{
public:
    static constexpr std::array<std::uint8_t, 16> kUuid = {'N', 'o', 'v', 'a', 'C', 'a', 'p', 't',
                                                           'u', 'r', 'e', 'C', 'l', 'o', 'c', 'k'};

    // UUID + time: what FFmpeg's AV_FRAME_DATA_SEI_UNREGISTERED side data holds.
    static QByteArray payload(qint64 microsSinceEpoch);
    // The time from a user-data-unregistered payload, if it is ours.
    static std::optional<qint64> parsePayload(QByteArrayView payload);

    enum class Framing
    {
        LengthPrefixed,
        AnnexB
    }; // FLV/MP4 (4-byte lengths) or MPEG-TS (start codes)
    // Scans an H.264 access unit for our SEI; nullopt when there is none or the data is malformed.
    static std::optional<qint64> find(QByteArrayView accessUnit, Framing framing);
};

} // namespace nova
