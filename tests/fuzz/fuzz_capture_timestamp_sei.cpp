// libFuzzer: H.264 access units as they come off an ingested stream.
#include "shared/capture_timestamp_sei.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    using Framing = nova::CaptureTimestampSei::Framing;
    (void)nova::CaptureTimestampSei::find(bytes, Framing::LengthPrefixed);
    (void)nova::CaptureTimestampSei::find(bytes, Framing::AnnexB);
    (void)nova::CaptureTimestampSei::parsePayload(bytes);
    return 0;
}
