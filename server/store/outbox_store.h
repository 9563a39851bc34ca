#pragma once

#include "shared/stream.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <pqxx/pqxx>

#include <chrono>

namespace nova {

// One transition waiting to be told: what happened, when, and the stream as it is now.
struct OutboxEntry
{
    qint64 id = 0;
    QString event; // stream_started, stream_interrupted, stream_resumed or stream_ended
    QDateTime occurredAt;
    Stream stream;
    qint64 streamSeq = 0; // the highest seq the database knows of the stream (streams.event_seq)
};

// The SQL of the event outbox (migration 0004), on a transaction the caller owns: entries are
// claimed for a while, deleted once relayed, released when relaying failed; and the numbering and
// NOTIFY by which an event reaches every replica while Redis is away.
class OutboxStore
{
public:
    explicit OutboxStore(pqxx::transaction_base &transaction);

    // Up to `limit` entries no other relay holds, each the oldest of its stream (so a stream's
    // events go out in order), held for `lease`. Oldest first.
    QList<OutboxEntry> claim(int limit, std::chrono::seconds lease);
    // Relayed: gone. Returns how many of `ids` were still there.
    int remove(const QList<qint64> &ids);
    struct Relayed
    {
        qint64 id;
        qint64 seq;
    };
    // Relayed through Redis, each as `seq`: gone, and their streams' seqs recorded, so that an
    // event numbered here next (by a replica that cannot reach Redis) comes after them.
    void markRelayed(const QList<Relayed> &relayed);
    // Not relayed: free for the next try.
    void release(qint64 id);

    // The stream's next seq while Redis is away: one past the higher of what this table gave and
    // `floor` (the highest a replica saw). Serialised by the stream's row lock.
    qint64 nextSeq(const QUuid &stream, qint64 floor);
    // Sends an event to every replica's listener (channel nova_stream_events) on commit.
    void notify(const QByteArray &eventJson);

private:
    pqxx::transaction_base &m_tx;
};

} // namespace nova
