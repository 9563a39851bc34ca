#include "server/streams/stream_key.h"

namespace nova {

namespace {
constexpr QStringView kPrefix = u"nvk_";
}

StreamKey StreamKey::generate()
{
    return StreamKey(SplitSecret::generate(kPrefix));
}

std::optional<StreamKey> StreamKey::parse(QStringView text)
{
    if (auto secret = SplitSecret::parse(kPrefix, text))
        return StreamKey(std::move(*secret));
    return std::nullopt;
}

} // namespace nova
