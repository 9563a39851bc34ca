#pragma once

#include "server/store/stream_page_cursor.h"
#include "shared/stream.h"

#include <pqxx/pqxx>

#include <chrono>
#include <optional>

namespace nova {

// A stream row with what only the server may see.
struct StreamRecord
{
    Stream stream;
    QString keyHash;         // hex SHA-256 of the key's verifier
    QString publisherClient; // nginx-rtmp clientid of the accepted publisher, if any
    qint64 revision = 0;     // grows with every change the API shows
};

// What finding a stream by its key's selector needs: never the key itself.
struct StreamKeyRecord
{
    QUuid id;
    QString keyHash;
};

// The outcome of accepting a publisher: the stream as it is now, and what it was before.
struct PublishRecord
{
    StreamRecord record;
    StreamStatus previous = StreamStatus::Pending;
    QString previousIngest; // the node that held the stream before; empty: none
};

// A publisher: its client id is its ingest node's own.
struct Publisher
{
    QString node;
    QString client;
};

// The streams one ingest node holds. Rows from before nodes were recorded have none: they are
// taken for the first node's.
struct IngestScope
{
    QString name;
    QString unnamedRowsBelongTo;
};

struct StreamPage
{
    QList<Stream> streams;
    std::optional<StreamPageCursor> next;
};

// The SQL for streams, on a transaction the caller owns (see Database::transact). Knows rows and
// columns, not rules: which transitions are legal is StreamService's business, though the hot
// single-statement transitions carry their legal starting states in their WHERE clauses.
class StreamStore
{
public:
    explicit StreamStore(pqxx::transaction_base &transaction);

    // Prepares the statements of the hot paths (hooks, reads) on a new connection.
    static void prepare(pqxx::connection &connection);

    StreamRecord insert(const QUuid &id, const QString &title, const QString &keySelector,
                        const QString &keyHash, const QUuid &owner);
    // A new key for the stream: the old selector opens nothing from then on. Returns the old
    // selector; empty for no such stream.
    QString replaceKey(const QUuid &id, const QString &keySelector, const QString &keyHash);
    std::optional<StreamRecord> find(const QUuid &id);
    std::optional<StreamKeyRecord> keyBySelector(const QString &keySelector);

    // One statement each, for the hooks: PENDING|ACTIVE|RECONNECTING -> ACTIVE with this publisher
    // (nullopt when the stream is in none of them, or its key is no longer `keySelector`), and
    // ACTIVE -> RECONNECTING if `publisherClient` is still the accepted publisher (nullopt
    // otherwise).
    std::optional<PublishRecord> acceptPublisher(const QUuid &id, const QString &keySelector,
                                                 const Publisher &publisher,
                                                 const QString &publisherAddress);
    std::optional<StreamRecord> interruptIfPublisher(const QUuid &id, const Publisher &publisher);
    // ACTIVE -> RECONNECTING whoever the publisher is (its key was replaced; it is being dropped).
    StreamRecord interruptPublisher(const QUuid &id);
    // RECONNECTING -> COMPLETED for every stream whose publisher left more than `grace` ago; the
    // stream ended at its publisher's last sign of life. Each row is returned to one caller only.
    QList<StreamRecord> completeExpired(std::chrono::milliseconds grace);
    // Lock the row until the transaction ends.
    std::optional<StreamRecord> lockBySelector(const QString &keySelector);
    std::optional<StreamRecord> lockById(const QUuid &id);
    StreamRecord markActive(const QUuid &id, const QString &publisherClient,
                            const QString &publisherAddress);
    StreamRecord markEnded(const QUuid &id, StreamStatus status);
    // Keeps the higher of the recorded and the given peak of viewers.
    std::optional<StreamRecord> recordPeak(const QUuid &id, int peakViewers);
    // Records that the stream's HLS can be played from now on (once; nullopt if it was already, or
    // the stream is not live). Its stream_playable goes into the outbox with it.
    std::optional<StreamRecord> markPlayable(const QUuid &id);

    // The ingest side saw these streams live now.
    void markSeen(const QList<QUuid> &ids);
    // ACTIVE -> RECONNECTING for the streams of `node` not among `live` with no sign of life for
    // `silence` (a publisher whose done callback never came, a node that died); each keeps its
    // publisher's client id, so that one still alive after all can resume it
    // (StreamService::confirmPublisher).
    QList<StreamRecord> interruptOrphans(const IngestScope &node, const QList<QUuid> &live,
                                         std::chrono::seconds silence);

    // History: one sample per stream and slot (a repeated slot is ignored), read back per step.
    void addSample(const QUuid &id, const QDateTime &slot, int viewers, double bitrateKbps,
                   double fps);
    QList<StreamSample> samples(const QUuid &id, const QDateTime &from, const QDateTime &to,
                                std::chrono::seconds step);
    int pruneSamples(const QDateTime &olderThan);
    // PENDING -> FAILED for streams created more than `age` ago that never went live: their keys
    // open nothing from then on. Each row is returned to one caller only.
    QList<StreamRecord> expirePending(std::chrono::milliseconds age);
    // Which of `ids` ended (COMPLETED or FAILED) more than `age` ago.
    QList<QUuid> endedBefore(const QList<QUuid> &ids, std::chrono::milliseconds age);
    // Newest first; `status` and `owner` nullopt for all.
    StreamPage list(std::optional<StreamStatus> status, const std::optional<QUuid> &owner,
                    int limit, const std::optional<StreamPageCursor> &after);
    int countActive();

private:
    pqxx::transaction_base &m_tx;
};

} // namespace nova
