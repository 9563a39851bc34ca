#pragma once

#include <QThread>

#include <atomic>
#include <semaphore>

namespace nova::test {

// A slow uplink on loopback: a TCP relay to `upstreamPort` that passes the client's bytes on at
// no more than `kbps` (the answers come back at once). Each accepted connection is relayed on its
// own; the rate can change while they run. The relay runs on a thread of its own, so it keeps
// relaying while a test waits, blocked, on a process's output.
class ThrottlingRelay : public QThread
{
public:
    ThrottlingRelay(quint16 upstreamPort, int kbps);
    ~ThrottlingRelay() override;

    // 0 when the relay could not listen.
    quint16 port() const { return m_port; }
    void setRate(int kbps) { m_kbps = kbps; }

private:
    void run() override;

    quint16 m_upstreamPort;
    std::atomic<int> m_kbps;
    std::atomic<quint16> m_port{0};
    std::binary_semaphore m_listening{0};
};

} // namespace nova::test
