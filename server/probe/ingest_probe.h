#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace nova {

// Reads one live stream back from the ingest server (libavformat, on a thread of its own) and
// measures what a viewer would get: bitrate and frame rate over each second, and ingest latency —
// now minus the capture time the broadcaster wrote into the H.264 SEI. Streams without that SEI
// are simply not measured for latency. Reconnects while it runs; never blocks its owner.
class IngestProbe : public QObject
{
    Q_OBJECT

public:
    struct Reading
    {
        double bitrateKbps = 0;
        double fps = 0;
        std::optional<double> latencyMs; // mean over the second, when the stream carries SEI
    };

    explicit IngestProbe(QString url, QObject *parent = nullptr);
    ~IngestProbe() override; // stops and waits for the thread

    void start();

signals:
    void reading(const nova::IngestProbe::Reading &reading); // once a second while connected
    void latencyObserved(double seconds);                    // each capture time seen

private:
    void run();
    void readUntilFailure();
    bool pause(std::chrono::milliseconds duration); // false when stopping

    QString m_url;
    std::atomic<bool> m_stopping{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
};

} // namespace nova

Q_DECLARE_METATYPE(nova::IngestProbe::Reading)
