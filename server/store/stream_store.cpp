#include "server/store/stream_store.h"

#include "server/store/pqxx_compat.h"
#include "server/store/stream_row.h"
#include "shared/qt_compat.h"

namespace nova {

namespace {

// Columns every stream query returns: the stream's, then what readRecord() adds.
const std::string &columns()
{
    static const std::string all = streamColumns() +
                                   ", (extract(epoch FROM created_at) * 1000000)::bigint,"
                                   " key_hash, coalesce(publisher_client, ''), revision";
    return all;
}

constexpr int kRecordColumnCount = kStreamColumnCount + 4;

StreamRecord readRecord(const pqxx::row &row)
{
    constexpr int k = kStreamColumnCount; // then created_at in microseconds, for cursors
    return {readStream(row), QString::fromLatin1(row[k + 1].c_str()),
            QString::fromUtf8(row[k + 2].c_str()), row[k + 3].as<long long>()};
}

long long millis(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

std::string text(const QString &value)
{
    return value.toStdString();
}

std::string sql(const char *before, const char *after = "")
{
    return before + columns() + after;
}

} // namespace

StreamStore::StreamStore(pqxx::transaction_base &transaction)
    : m_tx(transaction)
{}

void StreamStore::prepare(pqxx::connection &connection)
{
    connection.prepare("stream_by_id", sql("SELECT ", " FROM streams WHERE id = $1"));
    connection.prepare("key_by_selector",
                       "SELECT id::text, key_hash FROM streams WHERE key_selector = $1");
    // The previous status is read under the row lock the update takes anyway.
    connection.prepare(
        "accept_publisher",
        sql("WITH previous AS (SELECT status AS was, ingest_node AS node FROM streams"
            " WHERE id = $1 FOR UPDATE)"
            " UPDATE streams SET status = 'ACTIVE', started_at = coalesce(started_at, now()),"
            " interrupted_at = NULL, publisher_client = $2, publisher_addr = $3,"
            " ingest_node = $5, last_seen_at = now() FROM previous"
            " WHERE id = $1 AND key_selector = $4"
            " AND previous.was IN ('PENDING', 'ACTIVE', 'RECONNECTING') RETURNING ",
            ", previous.was, coalesce(previous.node, '')"));
    // The publisher said goodbye: it was alive until now, and nothing of it is kept to resume.
    connection.prepare(
        "interrupt_if_publisher",
        sql("UPDATE streams SET status = 'RECONNECTING', interrupted_at = now(),"
            " last_seen_at = now(), publisher_client = NULL WHERE id = $1 AND status = 'ACTIVE'"
            " AND (publisher_client IS NULL OR publisher_client = $2)"
            " AND (ingest_node IS NULL OR ingest_node = $3) RETURNING "));
    // Run by every replica every second: one wins each row, the others find it COMPLETED.
    connection.prepare(
        "complete_expired",
        sql("UPDATE streams SET status = 'COMPLETED',"
            " ended_at = coalesce(last_seen_at, interrupted_at), interrupted_at = NULL,"
            " publisher_client = NULL WHERE status = 'RECONNECTING'"
            " AND interrupted_at < now() - $1 * interval '1 millisecond' RETURNING "));
}

StreamRecord StreamStore::insert(const QUuid &id, const QString &title, const QString &keySelector,
                                 const QString &keyHash, const QUuid &owner)
{
    const auto row =
        db::exec1(m_tx,
                  sql("INSERT INTO streams (id, title, key_selector, key_hash, owner)"
                      " VALUES ($1, $2, $3, $4, $5) RETURNING "),
                  uuidParam(id), text(title), text(keySelector), text(keyHash), uuidParam(owner));
    return readRecord(row);
}

QString StreamStore::replaceKey(const QUuid &id, const QString &keySelector, const QString &keyHash)
{
    // `old` is the row as this statement found it: its selector is the one replaced.
    const auto rows = db::exec(m_tx,
                               "UPDATE streams s SET key_selector = $2, key_hash = $3"
                               " FROM streams old WHERE s.id = $1 AND old.id = s.id"
                               " RETURNING old.key_selector",
                               uuidParam(id), text(keySelector), text(keyHash));
    return rows.empty() ? QString() : QString::fromLatin1(rows[0][0].c_str());
}

std::optional<StreamRecord> StreamStore::find(const QUuid &id)
{
    const auto rows = db::execPrepared(m_tx, "stream_by_id", uuidParam(id));
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

std::optional<StreamRecord> StreamStore::lockBySelector(const QString &keySelector)
{
    const auto rows =
        db::exec(m_tx, sql("SELECT ", " FROM streams WHERE key_selector = $1 FOR UPDATE"),
                 text(keySelector));
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

std::optional<StreamRecord> StreamStore::lockById(const QUuid &id)
{
    const auto rows =
        db::exec(m_tx, sql("SELECT ", " FROM streams WHERE id = $1 FOR UPDATE"), uuidParam(id));
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

std::optional<StreamKeyRecord> StreamStore::keyBySelector(const QString &keySelector)
{
    const auto rows = db::execPrepared(m_tx, "key_by_selector", text(keySelector));
    if (rows.empty())
        return std::nullopt;
    return StreamKeyRecord{uuidAt(rows[0][0]), QString::fromLatin1(rows[0][1].c_str())};
}

std::optional<PublishRecord> StreamStore::acceptPublisher(const QUuid &id,
                                                          const QString &keySelector,
                                                          const Publisher &publisher,
                                                          const QString &publisherAddress)
{
    const auto rows =
        db::execPrepared(m_tx, "accept_publisher", uuidParam(id), text(publisher.client),
                         text(publisherAddress), text(keySelector), text(publisher.node));
    if (rows.empty())
        return std::nullopt;
    return PublishRecord{readRecord(rows[0]),
                         parseStreamStatus(QString::fromLatin1(rows[0][kRecordColumnCount].c_str()))
                             .value_or(StreamStatus::Pending),
                         QString::fromUtf8(rows[0][kRecordColumnCount + 1].c_str())};
}

std::optional<StreamRecord> StreamStore::interruptIfPublisher(const QUuid &id,
                                                              const Publisher &publisher)
{
    const auto rows = db::execPrepared(m_tx, "interrupt_if_publisher", uuidParam(id),
                                       text(publisher.client), text(publisher.node));
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

StreamRecord StreamStore::interruptPublisher(const QUuid &id)
{
    return readRecord(
        db::exec1(m_tx,
                  sql("UPDATE streams SET status = 'RECONNECTING', interrupted_at = now(),"
                      " last_seen_at = now(), publisher_client = NULL"
                      " WHERE id = $1 AND status = 'ACTIVE' RETURNING "),
                  uuidParam(id)));
}

QList<StreamRecord> StreamStore::completeExpired(std::chrono::milliseconds grace)
{
    QList<StreamRecord> completed;
    for (const auto &row :
         db::execPrepared(m_tx, "complete_expired", static_cast<long long>(grace.count())))
        completed.append(readRecord(row));
    return completed;
}

StreamRecord StreamStore::markActive(const QUuid &id, const QString &publisherClient,
                                     const QString &publisherAddress)
{
    const auto row = db::exec1(
        m_tx,
        sql("UPDATE streams SET status = 'ACTIVE', started_at = coalesce(started_at, now()),"
            " interrupted_at = NULL, publisher_client = $2,"
            " publisher_addr = coalesce(nullif($3, ''), publisher_addr), last_seen_at = now()"
            " WHERE id = $1 RETURNING "),
        uuidParam(id), text(publisherClient), text(publisherAddress));
    return readRecord(row);
}

StreamRecord StreamStore::markEnded(const QUuid &id, StreamStatus status)
{
    const auto row =
        db::exec1(m_tx,
                  sql("UPDATE streams SET status = $2, ended_at = coalesce(ended_at,"
                      " CASE WHEN status = 'RECONNECTING'"
                      " THEN coalesce(last_seen_at, interrupted_at) ELSE now() END),"
                      " interrupted_at = NULL, publisher_client = NULL WHERE id = $1 RETURNING "),
                  uuidParam(id), text(toString(status)));
    return readRecord(row);
}

std::optional<StreamRecord> StreamStore::recordPeak(const QUuid &id, int peakViewers)
{
    const auto rows = db::exec(
        m_tx,
        sql("UPDATE streams SET peak_viewers = $2 WHERE id = $1 AND peak_viewers < $2 RETURNING "),
        uuidParam(id), peakViewers);
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

std::optional<StreamRecord> StreamStore::markPlayable(const QUuid &id)
{
    // Once: a second replica (or a second scan) that finds the files too changes nothing.
    const auto rows =
        db::exec(m_tx,
                 sql("UPDATE streams SET playable_at = now() WHERE id = $1"
                     " AND playable_at IS NULL AND status IN ('ACTIVE', 'RECONNECTING')"
                     " RETURNING "),
                 uuidParam(id));
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

void StreamStore::markSeen(const QList<QUuid> &ids)
{
    if (ids.isEmpty())
        return;
    db::exec(m_tx,
             "UPDATE streams SET last_seen_at = now()"
             " WHERE id = ANY($1::uuid[]) AND status = 'ACTIVE'",
             arrayLiteral(ids));
}

QList<StreamRecord> StreamStore::interruptOrphans(const IngestScope &node, const QList<QUuid> &live,
                                                  std::chrono::seconds silence)
{
    // The grace counts from now: /stat can miss a live publisher (an nginx reload's old worker
    // still holds it), so it keeps its client id, and its next on_update resumes the stream.
    const auto rows = db::exec(
        m_tx,
        sql("UPDATE streams SET status = 'RECONNECTING', interrupted_at = now()"
            " WHERE status = 'ACTIVE' AND NOT (id = ANY($1::uuid[]))"
            " AND coalesce(ingest_node, $4) = $3"
            " AND coalesce(last_seen_at, started_at, created_at) < now() - $2 * interval '1 second'"
            " RETURNING "),
        arrayLiteral(live), static_cast<long long>(silence.count()), text(node.name),
        text(node.unnamedRowsBelongTo));
    QList<StreamRecord> interrupted;
    for (const auto &row : rows)
        interrupted.append(readRecord(row));
    return interrupted;
}

void StreamStore::addSample(const QUuid &id, const QDateTime &slot, int viewers, double bitrateKbps,
                            double fps)
{
    db::exec(m_tx,
             "INSERT INTO stream_samples (stream_id, sampled_at, viewers, bitrate_kbps, fps)"
             " VALUES ($1, timestamptz 'epoch' + $2 * interval '1 millisecond', $3, $4, $5)"
             " ON CONFLICT DO NOTHING",
             uuidParam(id), millis(slot), std::max(0, viewers), std::max(0.0, bitrateKbps),
             std::max(0.0, fps));
}

QList<StreamSample> StreamStore::samples(const QUuid &id, const QDateTime &from,
                                         const QDateTime &to, std::chrono::seconds step)
{
    // Buckets aligned to the epoch, so that the same step always gives the same points.
    const auto rows = db::exec(
        m_tx,
        "SELECT (floor(extract(epoch FROM sampled_at) / $4) * $4 * 1000)::bigint AS bucket,"
        " max(viewers), avg(bitrate_kbps), avg(fps) FROM stream_samples"
        " WHERE stream_id = $1"
        " AND sampled_at >= timestamptz 'epoch' + $2 * interval '1 millisecond'"
        " AND sampled_at < timestamptz 'epoch' + $3 * interval '1 millisecond'"
        " GROUP BY bucket ORDER BY bucket",
        uuidParam(id), millis(from), millis(to), static_cast<long long>(step.count()));
    QList<StreamSample> out;
    out.reserve(qsizetype(rows.size()));
    for (const auto &row : rows)
        out.append({utcFromMSecsSinceEpoch(row[0].as<long long>()), row[1].as<int>(),
                    row[2].as<double>(), row[3].as<double>()});
    return out;
}

int StreamStore::pruneSamples(const QDateTime &olderThan)
{
    return int(db::exec(m_tx,
                        "DELETE FROM stream_samples"
                        " WHERE sampled_at < timestamptz 'epoch' + $1 * interval '1 millisecond'",
                        millis(olderThan))
                   .affected_rows());
}

QList<StreamRecord> StreamStore::expirePending(std::chrono::milliseconds age)
{
    const auto rows = db::exec(
        m_tx,
        sql("UPDATE streams SET status = 'FAILED', ended_at = now()"
            " WHERE status = 'PENDING' AND created_at < now() - $1 * interval '1 millisecond'"
            " RETURNING "),
        static_cast<long long>(age.count()));
    QList<StreamRecord> expired;
    for (const auto &row : rows)
        expired.append(readRecord(row));
    return expired;
}

QList<QUuid> StreamStore::endedBefore(const QList<QUuid> &ids, std::chrono::milliseconds age)
{
    QList<QUuid> ended;
    if (ids.isEmpty())
        return ended;
    const auto rows = db::exec(m_tx,
                               "SELECT id::text FROM streams WHERE id = ANY($1::uuid[])"
                               " AND status IN ('COMPLETED', 'FAILED') AND ended_at < now() - $2 * "
                               "interval '1 millisecond'",
                               arrayLiteral(ids), static_cast<long long>(age.count()));
    for (const auto &row : rows)
        ended.append(uuidAt(row[0]));
    return ended;
}

StreamPage StreamStore::list(std::optional<StreamStatus> status, const std::optional<QUuid> &owner,
                             int limit, const std::optional<StreamPageCursor> &after)
{
    // One fixed statement per filter combination, so each gets a plan that uses its index.
    const auto olderThan = [](int first) {
        return " AND (created_at, id) < (timestamptz 'epoch' + $" + std::to_string(first) +
               "::bigint * interval '1 microsecond', $" + std::to_string(first + 1) + "::uuid)";
    };
    std::string where;
    if (status)
        where += " AND status = $2";
    if (after)
        where += olderThan(status ? 3 : 2);
    if (owner) // a QUuid, written by us: nothing of the request's text gets into the SQL
        where += " AND owner = '" + uuidParam(*owner) + "'::uuid";
    const std::string query = sql("SELECT ", " FROM streams WHERE true") + where +
                              " ORDER BY created_at DESC, id DESC LIMIT $1";

    pqxx::result rows;
    if (status && after)
        rows = db::exec(m_tx, query, limit + 1, text(toString(*status)),
                        static_cast<long long>(after->createdMicros), uuidParam(after->id));
    else if (status)
        rows = db::exec(m_tx, query, limit + 1, text(toString(*status)));
    else if (after)
        rows = db::exec(m_tx, query, limit + 1, static_cast<long long>(after->createdMicros),
                        uuidParam(after->id));
    else
        rows = db::exec(m_tx, query, limit + 1);

    StreamPage page;
    const int count = std::min<int>(int(rows.size()), limit);
    for (int i = 0; i < count; ++i)
        page.streams.append(readStream(rows[i]));
    if (int(rows.size()) > limit) {
        const auto &last = rows[count - 1];
        page.next =
            StreamPageCursor{last[kStreamColumnCount].as<long long>(), page.streams.last().id};
    }
    return page;
}

int StreamStore::countActive()
{
    return m_tx.exec("SELECT count(*) FROM streams WHERE status = 'ACTIVE'")[0][0].as<int>();
}

} // namespace nova
