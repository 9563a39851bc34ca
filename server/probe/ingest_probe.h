#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

namespace nova {

// Reads one live stream back from the ingest server (libavformat, on a thread of its own) and
// measures what a viewer would get: bitrate and frame rate over each second, the keyframe interval
// (how long a new viewer may wait for a picture), and ingest latency —
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
        // Between the last two keyframes, in seconds: known from the second keyframe on.
        std::optional<double> keyframeIntervalS;
    };

    explicit IngestProbe(QString url, QObject *parent = nullptr);
    ~IngestProbe() override; // tells the thread to stop; never waits for it

    void start();

signals:
    void reading(const nova::IngestProbe::Reading &reading); // once a second while connected
    void latencyObserved(double seconds);                    // each capture time seen

private:
    // What the reading thread shares with its probe. The thread may outlive the probe by the
    // length of one interrupted read: it then finds no owner and stops without a word.
    struct Shared
    {
        QString url;
        std::atomic<bool> stopping{false};
        std::mutex mutex;
        std::condition_variable wake;
        IngestProbe *owner = nullptr; // guarded by mutex
    };

    static void run(const std::shared_ptr<Shared> &shared);
    static void readUntilFailure(Shared &shared);
    static bool pause(Shared &shared, std::chrono::milliseconds duration); // false when stopping
    // Emits on the probe, if it still exists, from the reading thread.
    template<typename Emit>
    static void tell(Shared &shared, Emit &&emitOn);

    std::shared_ptr<Shared> m_shared;
};

} // namespace nova

Q_DECLARE_METATYPE(nova::IngestProbe::Reading)
