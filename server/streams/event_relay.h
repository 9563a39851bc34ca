#pragma once

#include "server/streams/lifecycle_events.h"

#include <QObject>
#include <QTimer>

namespace nova {

class Database;
class EventBus;
class Metrics;
class StreamService;
class ViewerCounts;
class ViewerPresence;

// Tells every transition once, whatever fails: the transaction that changed a stream also wrote
// its entry into the PostgreSQL outbox (migration 0004); the relay claims entries, publishes each
// through the bus under its entry id (so a retry after a lost answer never tells it twice) and
// deletes it. It runs when this replica changed a stream, when Redis comes back, and every second
// for what is left (another replica crashed mid-way, Redis was away, an answer came late). Safe on
// every replica at once: a claim holds an entry for a while, and a stream's entries go out in
// order. Whoever relays a stream_ended observes the stream's duration and records its peak.
class EventRelay : public QObject
{
    Q_OBJECT

public:
    static constexpr int kBatch = 200;
    static constexpr std::chrono::seconds kLease{10};
    static constexpr std::chrono::seconds kPollEvery{1};

    EventRelay(Database &database, EventBus &bus, LifecycleEvents events,
               const ViewerCounts &viewers, ViewerPresence &presence, StreamService &streams,
               Metrics &metrics, QObject *parent = nullptr);

    void start();
    // Relays what is waiting now (or right after the pass under way).
    void kick();

private:
    void pass();
    void publishAll(const QList<OutboxEntry> &entries);
    void finish(int relayed);
    void onEnded(const OutboxEntry &entry, int reportedPeak);

    Database &m_database;
    EventBus &m_bus;
    LifecycleEvents m_events;
    const ViewerCounts &m_viewers;
    ViewerPresence &m_presence;
    StreamService &m_streams;
    Metrics &m_metrics;
    QTimer m_poll;
    bool m_running = false;
    bool m_again = false;
    bool m_warned = false;
};

} // namespace nova
