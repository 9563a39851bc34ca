#include "shared/constant_time.h"

namespace nova {

bool constantTimeEquals(QByteArrayView presented, QByteArrayView secret)
{
    // The loop runs over what was presented, whatever the secret's length, so the time taken
    // tells nothing about how long the secret is; a length mismatch is folded into the result.
    std::size_t diff = std::size_t(presented.size()) ^ std::size_t(secret.size());
    for (qsizetype i = 0; i < presented.size(); ++i) {
        const char expected = secret.isEmpty() ? '\0' : secret[i % secret.size()];
        diff |= static_cast<unsigned char>(presented[i] ^ expected);
    }
    return diff == 0;
}

} // namespace nova
