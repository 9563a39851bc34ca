#include "server/streams/event_relay.h"

#include "server/cache/viewer_counts.h"
#include "server/cache/viewer_presence.h"
#include "server/metrics/metrics.h"
#include "server/store/database.h"
#include "server/streams/stream_service.h"
#include "shared/live_event.h"

#include <QLoggingCategory>

#include <cstdlib>
#include <memory>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcStreams)

EventRelay::EventRelay(Database &database, EventBus &bus, LifecycleEvents events,
                       const ViewerCounts &viewers, ViewerPresence &presence,
                       StreamService &streams, Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_bus(bus)
    , m_events(std::move(events))
    , m_viewers(viewers)
    , m_presence(presence)
    , m_streams(streams)
    , m_metrics(metrics)
{
    m_poll.setInterval(kPollEvery);
    connect(&m_poll, &QTimer::timeout, this, &EventRelay::kick);
}

void EventRelay::start()
{
    m_poll.start();
    kick();
}

void EventRelay::kick()
{
    if (m_running) {
        m_again = true; // what was just committed may have missed the claim under way
        return;
    }
    pass();
}

void EventRelay::pass()
{
    m_running = true;
    m_again = false;
    m_database
        // In a transaction: a claim answered late (past the watchdog) is rolled back, not left
        // holding entries that nobody relays until the lease runs out.
        .transact([](pqxx::work &tx) { return OutboxStore(tx).claim(kBatch, kLease); })
        .then(this, [this](QFuture<QList<OutboxEntry>> claimed) {
            try {
                const QList<OutboxEntry> entries = claimed.result();
                m_warned = false;
                if (entries.isEmpty())
                    return finish(0);
                publishAll(entries);
            } catch (const std::exception &error) {
                if (!std::exchange(m_warned, true)) // once per outage, not every second
                    qCWarning(lcStreams) << "cannot read the event outbox:" << error.what();
                finish(0);
            }
        });
}

void EventRelay::publishAll(const QList<OutboxEntry> &entries)
{
    struct Progress
    {
        qsizetype outstanding = 0;
        QList<OutboxStore::Relayed> relayed;
    };
    auto progress = std::make_shared<Progress>();
    progress->outstanding = entries.size();
    const auto settled = [this, progress] {
        if (--progress->outstanding > 0)
            return;
        if (progress->relayed.isEmpty())
            return finish(0);
        // Those that went by the database's path are gone already; deleting again costs nothing.
        m_database
            .autocommit([relayed = progress->relayed](pqxx::nontransaction &tx) {
                OutboxStore(tx).markRelayed(relayed);
            })
            .then(this, [this, count = int(progress->relayed.size())](QFuture<void> removed) {
                try {
                    removed.waitForFinished();
                } catch (const std::exception &error) {
                    // Published all the same; the next claim publishes them again, to the same
                    // seq (Redis remembers the entry ids), and deletes them then.
                    qCWarning(lcStreams) << "relayed events stay in the outbox:" << error.what();
                }
                finish(count);
            });
    };
    // One entry per stream (the claim takes only each stream's oldest): all can go at once.
    for (const OutboxEntry &entry : entries) {
        const int seenPeak = m_viewers.of(entry.stream.id).peak; // before it may be forgotten
        Publication event = m_events.describe(entry, seenPeak);
        event.floor = entry.streamSeq; // above what a replica without Redis may have numbered
        m_bus.publish(event).then(
            this, [this, entry, event, progress, settled](QFuture<qint64> published) {
                try {
                    // Negative: told before, as -seq (a retry whose first answer was lost).
                    const qint64 seq = published.result();
                    progress->relayed.append({entry.id, std::abs(seq)});
                    if (seq > 0 && entry.event == QLatin1StringView(LiveEvent::kStreamEnded))
                        onEnded(entry, event.fields.value(u"peak_viewers").toInt());
                } catch (const EventNotPublished &) {
                    // Free for the next try, here or elsewhere (counted in publish_failed).
                    m_database.autocommit(
                        [id = entry.id](pqxx::nontransaction &tx) { OutboxStore(tx).release(id); });
                } catch (const std::exception &error) {
                    qCWarning(lcStreams) << "could not relay an event:" << error.what();
                }
                settled();
            });
    }
}

void EventRelay::finish(int relayed)
{
    m_running = false;
    // A full pass may leave more: the next entries of the same streams, or more than a batch.
    if (relayed > 0 || m_again)
        pass();
}

void EventRelay::onEnded(const OutboxEntry &entry, int reportedPeak)
{
    if (entry.stream.startedAt.isValid())
        m_metrics.observeStreamDuration(double(entry.stream.durationSeconds(entry.occurredAt)));
    // The stream's peak goes into its record: Redis's, or what was reported if higher.
    m_presence.peak(entry.stream.id)
        .then(this, [this, id = entry.stream.id, reportedPeak](QFuture<int> peak) {
            int highest = reportedPeak;
            try {
                highest = std::max(highest, peak.result());
            } catch (const std::exception &) {
            }
            if (highest > 0)
                m_streams.recordPeak(id, highest);
        });
}

} // namespace nova
