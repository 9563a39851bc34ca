// libFuzzer: what a client presents as a secret: a bearer token or a stream key (outside input).
#include "server/auth/access_token.h"
#include "server/streams/stream_key.h"
#include "shared/constant_time.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    static const QString storedHash(64, u'0');
    if (const auto token = nova::AccessToken::parse(text)) {
        (void)token->verifies(storedHash);
        if (token->text() != text)
            __builtin_trap(); // a parsed token must read back exactly as given
    }
    if (const auto key = nova::StreamKey::parse(text))
        (void)key->verifies(storedHash);
    (void)nova::constantTimeEquals(bytes, "bootstrap-secret-of-some-length");
    return 0;
}
