#pragma once

#include "server/store/stream_store.h"
#include "server/streams/playback_urls.h"
#include "server/streams/stream_key_index.h"
#include "shared/stream.h"
#include "shared/stream_lifecycle.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPromise>

#include <chrono>
#include <memory>
#include <optional>

namespace nova {

class ApiError;
class Database;
class IngestFleet;
class ViewerCounts;
class StreamCache;
class StreamKey;
struct Caller;

// The rules of a stream's life: creating it with a fresh key, and moving it through the lifecycle
// as publishers come and go and operators act. Knows no HTTP. Every write is one database
// transaction off the event loop; every committed transition is announced with
// streamTransitioned(). Reads of single streams come from the StreamCache when it can answer.
class StreamService : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxTitleLength = 200;

    StreamService(Database &database, StreamCache &cache, IngestFleet &ingest,
                  const ViewerCounts &viewers, PlaybackUrls urls, QObject *parent = nullptr);

    // A new stream owned by `caller`'s account, with a fresh key; audited.
    QFuture<CreatedStream> create(const QString &title, const Caller &caller);
    // Where publishers connect: every ingest node, the one a new publisher should use first.
    QList<QUrl> publishUrls() const;
    QFuture<Stream> find(const QUuid &id); // 404 when there is no such stream
    // The stream from memory when the cache can answer: the busy read path, without futures.
    std::optional<Stream> findCached(const QUuid &id);
    QFuture<StreamPage> list(std::optional<StreamStatus> status, std::optional<QUuid> owner,
                             int limit, std::optional<StreamPageCursor> after);
    QFuture<int> countActive();

    // A publisher presented `key` on its ingest node: PENDING, RECONNECTING (a resume) or ACTIVE
    // (a reconnect the ingest side has not noticed yet) becomes ACTIVE with it as its publisher,
    // on that node; a previous publisher still connected is dropped, on the node that holds it
    // (the newest wins). A wrong key is 403 and an ended stream 409; either changes nothing.
    QFuture<Stream> publish(const StreamKey &key, const Publisher &publisher,
                            const QString &address);
    // The publisher went away: ACTIVE becomes RECONNECTING, and the same key may resume the
    // stream within the reconnect grace. A publisher that a reconnect has already replaced (on
    // this node or another) changes nothing (nullopt), nor does a stream that is not ACTIVE.
    QFuture<std::optional<Stream>> publishDone(const StreamKey &key, const Publisher &publisher);
    // nginx's periodic check of a publisher: a sign of life (the stream's last_seen_at); 409 when
    // its stream has ended or a newer publisher replaced it (nginx then drops it). A publisher the
    // reconciler took for gone (RECONNECTING, same node and client) resumes its stream.
    QFuture<void> confirmPublisher(const StreamKey &key, const Publisher &publisher);
    // A player asks for stream `id`: 409 unless it is live.
    QFuture<void> confirmPlayable(const QUuid &id);

    // An operator or the owner ends the stream: COMPLETED at once, and its publisher is dropped.
    // Ending an ended stream changes nothing and is not an error. 403 for anyone else.
    QFuture<Stream> end(const QUuid &id, const Caller &caller);
    // An operator or the owner replaces the stream's key: the old one opens nothing from then on,
    // and a publisher live on it is dropped (the stream waits in RECONNECTING for the new key).
    // Returns the new key. 409 for an ended stream, 403 for anyone else.
    QFuture<QString> rotateKey(const QUuid &id, const Caller &caller);
    // An operator drops the live publisher only: the stream goes RECONNECTING (audited) and the
    // same key may resume it within the grace. 404 no_publisher unless the stream is ACTIVE, 403
    // for anyone but an operator, 503 when its ingest node could not be told (the stream then
    // resumes at that publisher's next update).
    QFuture<Stream> dropPublisher(const QUuid &id, const Caller &caller);
    // 404 no_publisher: the stream has no live publisher to show or drop.
    static ApiError noPublisher(const QUuid &id);
    // Marks the streams ingest node `node` has (`live`) as seen, and moves the ACTIVE streams of
    // that node it no longer has, with no sign of life for `silence`, to RECONNECTING (none
    // without a silence). Returns the streams interrupted.
    QFuture<QList<Stream>> interruptOrphans(const QString &node, const QList<QUuid> &live,
                                            std::optional<std::chrono::seconds> silence);
    // Completes the RECONNECTING streams whose publisher left more than `grace` ago. Safe on every
    // replica at once: each stream is completed, and announced, by one of them.
    QFuture<QList<Stream>> completeExpired(std::chrono::milliseconds grace);
    // Fails the PENDING streams older than `age` that never went live (their keys stop working).
    QFuture<QList<Stream>> expirePending(std::chrono::milliseconds age);
    // Which of `ids` ended more than `age` ago.
    QFuture<QList<QUuid>> endedBefore(const QList<QUuid> &ids, std::chrono::milliseconds age);

    // The stream's HLS can be played (its first segments are there): recorded once, which puts
    // stream_playable into the outbox; streamPlayable() then.
    void markPlayable(const QUuid &id);

    // Records a stream's peak of viewers (kept if higher than what is recorded).
    void recordPeak(const QUuid &id, int peakViewers);

    // History of a live stream, `step` apart; 404 for an unknown stream.
    QFuture<QList<StreamSample>> history(const QUuid &id, const QDateTime &from,
                                         const QDateTime &to, std::chrono::seconds step);

signals:
    // `previous`: the status before (ACTIVE for a newer publisher's Publish, RECONNECTING for a
    // resume).
    void streamTransitioned(const nova::Stream &stream, nova::StreamEvent event,
                            nova::StreamStatus previous);
    void streamPlayable(const nova::Stream &stream);
    // The database could not take it: whoever saw the files may say so again.
    void playableNotRecorded(const QUuid &id);

private:
    // The id of the stream `key` opens, checked in constant time; 403 for a wrong key.
    QFuture<QUuid> openKey(const StreamKey &key);
    Stream present(Stream stream) const;
    // Asks ingest node `node` to drop the stream's publisher, saying `why` in the log; a failure
    // is logged too (nginx's next on_update for it is refused, which drops it as well).
    QFuture<void> dropPublisherOf(const Stream &stream, const QString &node, const char *why);
    // Stores what a transaction returned, announces a transition, and presents the stream.
    Stream committed(const StreamRecord &record, quint64 readEpoch,
                     std::optional<StreamEvent> event,
                     StreamStatus previous = StreamStatus::Pending);

    Database &m_database;
    StreamCache &m_cache;
    IngestFleet &m_ingest;
    const ViewerCounts &m_viewers;
    PlaybackUrls m_urls;
    StreamKeyIndex m_keys;
    // One database read per stream at a time; whoever asks meanwhile waits for it.
    QHash<QUuid, QList<std::shared_ptr<QPromise<Stream>>>> m_pendingReads;
};

} // namespace nova
