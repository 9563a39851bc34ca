#include "server/auth/access_token.h"

namespace nova {

namespace {
constexpr QStringView kPrefix = u"nvt_";
}

AccessToken AccessToken::generate()
{
    return AccessToken(SplitSecret::generate(kPrefix));
}

std::optional<AccessToken> AccessToken::parse(QStringView text)
{
    if (auto secret = SplitSecret::parse(kPrefix, text))
        return AccessToken(std::move(*secret));
    return std::nullopt;
}

} // namespace nova
