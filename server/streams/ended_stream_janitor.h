#pragma once

#include <QObject>
#include <QTimer>
#include <QUuid>

#include <chrono>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

namespace nova {

// Forgets what this replica keeps per stream once the stream has ended, so that a replica that
// runs for months holds memory for the streams that are live, not for every stream it ever saw.
// Each part that keeps per-stream state registers how to forget a stream; an ended stream is
// forgotten by all of them after `linger`, which lets viewers that reconnect right after the end
// still get its last events from memory. Ended streams are queued in the order they ended, so a
// sweep costs only what it forgets.
class EndedStreamJanitor : public QObject
{
    Q_OBJECT

public:
    using Clock = std::chrono::steady_clock;
    using Forget = std::function<void(const QUuid &)>;

    explicit EndedStreamJanitor(std::chrono::milliseconds linger, QObject *parent = nullptr);

    void addForgetter(Forget forget);
    // Starts sweeping every `interval`.
    void start(std::chrono::milliseconds interval = std::chrono::seconds(10));

    // Stream `id` has ended at `now`: it will be forgotten once `linger` has passed.
    void streamEnded(const QUuid &id, Clock::time_point now = Clock::now());
    // Forgets every stream whose linger has passed by `now`; returns how many.
    int sweep(Clock::time_point now = Clock::now());
    int waiting() const { return int(m_ended.size()); }

signals:
    // A sweep forgot `forgotten` streams (never emitted for none): the time to hand memory back.
    void swept(int forgotten);

private:
    std::chrono::milliseconds m_linger;
    std::vector<Forget> m_forgetters;
    std::deque<std::pair<Clock::time_point, QUuid>> m_ended; // in the order they ended
    QTimer m_timer;
};

} // namespace nova
