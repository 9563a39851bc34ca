// libFuzzer: nginx-rtmp's /stat XML.
#include "server/ingest/nginx_stat.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto stat =
        nova::NginxStat::parse(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (stat)
        (void)stat->publishing(QStringLiteral("live")).size();
    return 0;
}
