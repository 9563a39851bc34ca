#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

struct AVCodecParameters;
struct AVPacket;

namespace nova {

// A libavdevice input (x11grab's screen, PulseAudio's sources) read on a thread of its own. Every
// packet goes to the handler there. When the device cannot be opened, or stops delivering (the X
// server went away, the sound server restarted), problem() says why and it is opened again every
// two seconds: the broadcast goes on and picks the device up again when it is back.
class DeviceInput
{
public:
    struct Device
    {
        QByteArray format; // libavdevice's name: "x11grab", "pulse"
        QByteArray url;    // ":0.0+0,0", "default.monitor"
        QList<std::pair<QByteArray, QByteArray>> options;
        QString what; // for the streamer: "the screen on :0"
    };
    using PacketHandler = std::function<void(const AVPacket &, const AVCodecParameters &)>;

    DeviceInput(Device device, PacketHandler handler);
    DeviceInput(const DeviceInput &) = delete;
    DeviceInput &operator=(const DeviceInput &) = delete;
    ~DeviceInput(); // stops and waits for the thread

    // Why nothing comes from the device now; empty while it delivers.
    QString problem() const;
    // Waits up to `timeoutMs` for the first packet; false if there was none by then.
    bool waitForFirstPacket(int timeoutMs);

private:
    void run();
    bool readUntilFailure(); // false when stopped
    void setProblem(const QString &problem);
    static int interrupted(void *self);

    Device m_device;
    PacketHandler m_handler;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    QString m_problem;        // under m_mutex
    bool m_delivered = false; // under m_mutex
    std::thread m_thread;
};

} // namespace nova
