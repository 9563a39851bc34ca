// libFuzzer: the bytes of an HTTP connection, cut into arbitrary chunks.
#include "server/http/http_request_framer.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    nova::HttpRequestFramer framer({256, 1024});
    // The first byte chooses the chunk size, so that every boundary gets tried.
    const std::size_t chunk = std::size_t(data[0] % 32) + 1;
    for (std::size_t at = 1; at < size; at += chunk) {
        const std::size_t length = std::min(chunk, size - at);
        const auto result = framer.feed(
            QByteArrayView(reinterpret_cast<const char *>(data + at), qsizetype(length)));
        if (result.completedRequests < 0)
            __builtin_trap();
        if (result.kind == nova::HttpRequestFramer::Result::Kind::Reject &&
            (result.status < 400 || result.status > 499))
            __builtin_trap();
    }
    return 0;
}
