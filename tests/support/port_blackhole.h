#pragma once

#include <QString>

namespace nova::test {

// A loopback TCP port that stops answering without a word: every packet to or from it is dropped
// (nft, in a table of its own), as when a database's host vanishes in a failover: no reset, no
// refusal, just silence. The table goes when the blackhole goes out of scope, whatever the test
// did meanwhile, and a table an earlier, killed run left behind is removed first.
class PortBlackhole
{
public:
    explicit PortBlackhole(int port);
    ~PortBlackhole();
    PortBlackhole(const PortBlackhole &) = delete;
    PortBlackhole &operator=(const PortBlackhole &) = delete;

    bool active() const { return m_active; }
    QString error() const { return m_error; }
    // Lets traffic through again now (the destructor does the same).
    void lift();

private:
    bool m_active = false;
    QString m_error;
};

} // namespace nova::test
