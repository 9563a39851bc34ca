#pragma once

#include "server/auth/split_secret.h"

namespace nova {

// A person's API token: "nvt_" + selector + "_" + verifier (see SplitSecret). Shown once when it
// is issued; the server keeps only the verifier's hash.
class AccessToken : public SplitSecret
{
public:
    static AccessToken generate();
    static std::optional<AccessToken> parse(QStringView text);

private:
    explicit AccessToken(SplitSecret secret)
        : SplitSecret(std::move(secret))
    {}
};

} // namespace nova
