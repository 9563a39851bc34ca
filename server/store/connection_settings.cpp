#include "server/store/connection_settings.h"

#include <algorithm>

namespace nova {

std::string withDefaultParameter(const std::string &url, const std::string &name,
                                 const std::string &value)
{
    if (url.find(name + "=") != std::string::npos)
        return url;
    const bool isUri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
    if (isUri)
        return url + (url.find('?') == std::string::npos ? "?" : "&") + name + "=" + value;
    return url + (url.empty() ? "" : " ") + name + "=" + value;
}

std::string ConnectionSettings::apply(std::string url, std::chrono::milliseconds connectTimeout,
                                      const std::string &applicationName)
{
    // libpq counts connect_timeout in whole seconds, at least 2 (it rounds 1 up).
    const auto connectSeconds =
        std::max<long long>(2, std::chrono::ceil<std::chrono::seconds>(connectTimeout).count());
    url = withDefaultParameter(url, "connect_timeout", std::to_string(connectSeconds));
    url = withDefaultParameter(url, "keepalives", "1");
    url = withDefaultParameter(url, "keepalives_idle", std::to_string(kIdleProbe.count()));
    url = withDefaultParameter(url, "keepalives_interval", std::to_string(kProbeInterval.count()));
    url = withDefaultParameter(url, "keepalives_count", std::to_string(kProbeCount));
    url = withDefaultParameter(url, "tcp_user_timeout",
                               std::to_string(kUnacknowledgedTimeout.count()));
    return withDefaultParameter(url, "application_name", applicationName);
}

} // namespace nova
