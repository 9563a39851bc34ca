#include "server/store/outbox_store.h"

#include "server/store/pqxx_compat.h"
#include "server/store/stream_row.h"

namespace nova {

OutboxStore::OutboxStore(pqxx::transaction_base &transaction)
    : m_tx(transaction)
{}

QList<OutboxEntry> OutboxStore::claim(int limit, std::chrono::seconds lease)
{
    // Only the head of each stream's queue: an entry is deleted once relayed, so an older one still
    // there (held by another relay, or failing) keeps the younger back.
    const auto rows = db::exec(
        m_tx,
        "UPDATE stream_outbox o SET claimed_until = clock_timestamp() + make_interval(secs => $2)"
        " FROM streams s"
        " WHERE s.id = o.stream_id AND o.id IN ("
        "  SELECT e.id FROM stream_outbox e"
        "  WHERE (e.claimed_until IS NULL OR e.claimed_until < clock_timestamp())"
        "   AND NOT EXISTS (SELECT 1 FROM stream_outbox p"
        "                   WHERE p.stream_id = e.stream_id AND p.id < e.id)"
        "  ORDER BY e.id LIMIT $1 FOR UPDATE SKIP LOCKED)"
        " RETURNING o.id, o.event, " +
            epochMillis("o.occurred_at") + ", " + streamColumns("s") + ", s.event_seq",
        limit, static_cast<long long>(lease.count()));
    QList<OutboxEntry> entries;
    for (const auto &row : rows) {
        OutboxEntry entry;
        entry.id = row[0].as<long long>();
        entry.event = QString::fromLatin1(row[1].c_str());
        entry.occurredAt = timeAt(row[2]);
        entry.stream = readStream(row, 3);
        entry.streamSeq = row[3 + kStreamColumnCount].as<long long>();
        entries.append(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(),
              [](const OutboxEntry &a, const OutboxEntry &b) { return a.id < b.id; });
    return entries;
}

int OutboxStore::remove(const QList<qint64> &ids)
{
    return int(
        db::exec(m_tx, "DELETE FROM stream_outbox WHERE id = ANY($1::bigint[])", arrayLiteral(ids))
            .affected_rows());
}

void OutboxStore::markRelayed(const QList<Relayed> &relayed)
{
    QList<qint64> ids, seqs;
    for (const Relayed &entry : relayed) {
        ids.append(entry.id);
        seqs.append(entry.seq);
    }
    db::exec(m_tx,
             "WITH done AS (DELETE FROM stream_outbox o"
             "  USING unnest($1::bigint[], $2::bigint[]) AS r(id, seq) WHERE o.id = r.id"
             "  RETURNING o.stream_id, r.seq)"
             " UPDATE streams s SET event_seq = greatest(s.event_seq, d.seq)"
             " FROM (SELECT stream_id, max(seq) AS seq FROM done GROUP BY stream_id) d"
             " WHERE s.id = d.stream_id",
             arrayLiteral(ids), arrayLiteral(seqs));
}

void OutboxStore::release(qint64 id)
{
    db::exec(m_tx, "UPDATE stream_outbox SET claimed_until = NULL WHERE id = $1",
             static_cast<long long>(id));
}

qint64 OutboxStore::nextSeq(const QUuid &stream, qint64 floor)
{
    const auto row = db::exec1(
        m_tx,
        "UPDATE streams SET event_seq = greatest(event_seq, $2) + 1 WHERE id = $1::uuid"
        " RETURNING event_seq",
        stream.toString(QUuid::WithoutBraces).toStdString(), static_cast<long long>(floor));
    return row[0].as<long long>();
}

void OutboxStore::notify(const QByteArray &eventJson)
{
    db::exec(m_tx, "SELECT pg_notify('nova_stream_events', $1)", eventJson.toStdString());
}

} // namespace nova
