#pragma once

#include <chrono>
#include <string>

namespace nova {

// Adds a connection-string parameter (libpq URI or key=value string) unless it is already set:
// what an operator wrote in database_url always wins.
std::string withDefaultParameter(const std::string &url, const std::string &name,
                                 const std::string &value);

// The connection settings every nova-server connection to PostgreSQL uses, so that none of them
// waits for the kernel's TCP timeout (about 15 minutes) when PostgreSQL's host vanishes (a
// failover, a dropped route, a blackholed port): connecting gives up after `connectTimeout`; a
// statement whose packets go unacknowledged fails after kUnacknowledgedTimeout; an idle connection
// is found dead by TCP keepalives within about kIdleProbe + kProbeCount * kProbeInterval. A broken
// connection is replaced, so the pool recovers as soon as PostgreSQL answers again.
struct ConnectionSettings
{
    static constexpr std::chrono::seconds kIdleProbe{5};
    static constexpr std::chrono::seconds kProbeInterval{2};
    static constexpr int kProbeCount = 2;
    static constexpr std::chrono::milliseconds kUnacknowledgedTimeout{5000};

    static std::string apply(std::string url, std::chrono::milliseconds connectTimeout,
                             const std::string &applicationName);
};

} // namespace nova
