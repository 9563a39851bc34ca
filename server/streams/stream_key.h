#pragma once

#include "server/auth/split_secret.h"

namespace nova {

// A stream key: "nvk_" + selector + "_" + verifier (see SplitSecret). Whoever holds it may
// publish the stream it opens.
class StreamKey : public SplitSecret
{
public:
    static StreamKey generate();
    static std::optional<StreamKey> parse(QStringView text);

private:
    explicit StreamKey(SplitSecret secret)
        : SplitSecret(std::move(secret))
    {}
};

} // namespace nova
