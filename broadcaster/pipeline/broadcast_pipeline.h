#pragma once

#include "broadcaster/media/media_error.h"
#include "broadcaster/pipeline/broadcast_settings.h"
#include "broadcaster/pipeline/broadcast_stats.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace nova {

// source -> encoders -> publisher, in real time, on a thread of its own: the caller's thread (the
// GUI's, in the desktop app) never waits on encoding or the network. Reports by signal.
class BroadcastPipeline : public QObject
{
    Q_OBJECT

public:
    explicit BroadcastPipeline(BroadcastSettings settings, QObject *parent = nullptr);
    ~BroadcastPipeline() override; // stops and waits for the thread

    void start();
    // Asks the pipeline to end; finished() follows once it has.
    void stop();

signals:
    void live();                                          // the server accepted the stream
    void statsUpdated(const nova::BroadcastStats &stats); // once a second while live
    // `clean`: ended by stop() or the duration; otherwise `error` says why.
    void finished(bool clean, const QString &error, nova::MediaError::Kind kind);

private:
    void run();
    void loop(class RtmpPublisher &publisher);
    bool waitUntil(std::chrono::steady_clock::time_point due);

    BroadcastSettings m_settings;
    std::atomic<bool> m_stopRequested{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
};

} // namespace nova
