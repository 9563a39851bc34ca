#include "server/streams/stream_service.h"

#include "server/auth/caller.h"
#include "server/cache/viewer_counts.h"
#include "server/ingest/ingest_client.h"
#include "server/ingest/ingest_fleet.h"
#include "server/store/audit_store.h"
#include "server/store/database.h"
#include "server/streams/stream_cache.h"
#include "server/streams/stream_key.h"
#include "shared/api_error.h"
#include "shared/qt_compat.h"

#include <QLoggingCategory>
#include <QPromise>

namespace nova {

Q_LOGGING_CATEGORY(lcStreams, "nova.streams")

namespace {
QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

ApiError wrongKey()
{
    return ApiError::forbidden(QStringLiteral("the stream key is not valid"));
}

ApiError ended(const Stream &stream)
{
    return ApiError::conflict(QStringLiteral("the stream has ended (%1); create a new stream")
                                  .arg(toString(stream.status)),
                              QStringLiteral("stream_ended"));
}

ApiError noSuchStream(const QUuid &id)
{
    return ApiError::notFound(QStringLiteral("no stream with id %1").arg(idText(id)));
}

ApiError notYours()
{
    return ApiError::forbidden(QStringLiteral("the stream belongs to another account"));
}

QString streamTarget(const QUuid &id)
{
    return QStringLiteral("stream:") + idText(id);
}

// The stream `caller` means to change, locked: 404 when there is none, 403 when it is not theirs.
StreamRecord lockActedOn(StreamStore &store, const QUuid &id, const Caller &caller)
{
    auto record = store.lockById(id);
    if (!record)
        throw noSuchStream(id);
    if (!caller.mayActFor(record->stream.owner))
        throw notYours();
    return std::move(*record);
}

// Checks the key against its row without revealing which part was wrong.
StreamRecord verified(std::optional<StreamRecord> record, const StreamKey &key)
{
    if (!record || !key.verifies(record->keyHash))
        throw wrongKey();
    return std::move(*record);
}
} // namespace

StreamService::StreamService(Database &database, StreamCache &cache, IngestFleet &ingest,
                             const ViewerCounts &viewers, PlaybackUrls urls, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_cache(cache)
    , m_ingest(ingest)
    , m_viewers(viewers)
    , m_urls(std::move(urls))
{}

Stream StreamService::present(Stream stream) const
{
    stream.hlsUrl = m_urls.hlsUrl(stream.id);
    stream.watchUrl = m_urls.watchUrl(stream.id);
    // Live counts come from the bus's viewer_count_changed events; the recorded peak stays. Viewers
    // waiting for a PENDING stream to start count too, as they do towards its peak.
    const ViewerCounts::Count live = m_viewers.of(stream.id);
    if (!isTerminal(stream.status))
        stream.viewerCount = live.viewers;
    stream.peakViewers = std::max(stream.peakViewers, live.peak);
    return stream;
}

void StreamService::recordPeak(const QUuid &id, int peakViewers)
{
    const quint64 epoch = m_cache.epoch();
    m_database
        .autocommit([id, peakViewers](pqxx::nontransaction &tx) {
            return StreamStore(tx).recordPeak(id, peakViewers);
        })
        .then(this, [this, epoch](QFuture<std::optional<StreamRecord>> done) {
            try {
                if (const auto record = done.result())
                    m_cache.store(*record, epoch);
            } catch (const std::exception &error) {
                qCWarning(lcStreams) << "could not record the peak of viewers:" << error.what();
            }
        });
}

void StreamService::markPlayable(const QUuid &id)
{
    const quint64 epoch = m_cache.epoch();
    m_database
        .autocommit([id](pqxx::nontransaction &tx) { return StreamStore(tx).markPlayable(id); })
        .then(this, [this, id, epoch](QFuture<std::optional<StreamRecord>> done) {
            try {
                if (const auto record = done.result()) {
                    m_cache.store(*record, epoch);
                    qCInfo(lcStreams).noquote() << "stream playable" << idText(id);
                    emit streamPlayable(present(record->stream));
                }
            } catch (const std::exception &error) {
                // Whoever saw the files says so again (ServerApp: after kPlayableRetry).
                qCWarning(lcStreams)
                    << "could not record that a stream is playable:" << error.what();
                emit playableNotRecorded(id);
            }
        });
}

Stream StreamService::committed(const StreamRecord &record, quint64 readEpoch,
                                std::optional<StreamEvent> event, StreamStatus previous)
{
    m_cache.store(record, readEpoch);
    const Stream stream = present(record.stream);
    if (event)
        emit streamTransitioned(stream, *event, previous);
    return stream;
}

QFuture<CreatedStream> StreamService::create(const QString &title, const Caller &caller)
{
    const StreamKey key = StreamKey::generate();
    const QUuid id = QUuid::createUuid();
    const quint64 epoch = m_cache.epoch();
    return m_database
        .transact([id, title, selector = key.selector(), hash = key.verifierHash(),
                   owner = caller.account.id, actor = caller.auditActor()](pqxx::work &tx) {
            StreamRecord record = StreamStore(tx).insert(id, title, selector, hash, owner);
            AuditStore(tx).record(actor, QStringLiteral("stream.created"), streamTarget(id));
            return record;
        })
        .then(this, [this, key, epoch](const StreamRecord &record) {
            m_keys.remember(key.selector(), {record.stream.id, record.keyHash});
            qCInfo(lcStreams).noquote() << "stream created" << idText(record.stream.id);
            const QList<QUrl> urls = publishUrls();
            return CreatedStream{committed(record, epoch, std::nullopt), key.text(), urls.first(),
                                 urls};
        });
}

QList<QUrl> StreamService::publishUrls() const
{
    return m_ingest.publishUrls();
}

std::optional<Stream> StreamService::findCached(const QUuid &id)
{
    if (auto cached = m_cache.lookup(id))
        return present(*cached);
    return std::nullopt;
}

QFuture<Stream> StreamService::find(const QUuid &id)
{
    if (auto cached = m_cache.lookup(id))
        return readyFuture(present(*cached));
    // Everyone asking while a read is under way waits for that read. Each gets a future of its
    // own: a Qt 6.4 future keeps only its last continuation, so one future cannot be shared.
    auto waiter = std::make_shared<QPromise<Stream>>();
    waiter->start();
    QList<std::shared_ptr<QPromise<Stream>>> &waiters = m_pendingReads[id];
    waiters.append(waiter);
    if (waiters.size() > 1)
        return waiter->future();

    const quint64 epoch = m_cache.epoch();
    m_database
        .transact([id](pqxx::work &tx) {
            auto record = StreamStore(tx).find(id);
            if (!record)
                throw noSuchStream(id);
            return *record;
        })
        .then(this, [this, id, epoch](QFuture<StreamRecord> read) {
            const auto answered = m_pendingReads.take(id);
            try {
                const Stream stream = committed(read.result(), epoch, std::nullopt);
                for (const auto &waiting : answered)
                    waiting->addResult(stream);
            } catch (...) {
                for (const auto &waiting : answered)
                    waiting->setException(std::current_exception());
            }
            for (const auto &waiting : answered)
                waiting->finish();
        });
    return waiter->future();
}

QFuture<StreamPage> StreamService::list(std::optional<StreamStatus> status,
                                        std::optional<QUuid> owner, int limit,
                                        std::optional<StreamPageCursor> after)
{
    // Presented on this thread, which owns the viewer counts; the worker only reads rows.
    return m_database
        .transact([status, owner, limit, after](pqxx::work &tx) {
            return StreamStore(tx).list(status, owner, limit, after);
        })
        .then(this, [this](StreamPage page) {
            for (Stream &stream : page.streams)
                stream = present(std::move(stream));
            return page;
        });
}

QFuture<int> StreamService::countActive()
{
    return m_database.transact([](pqxx::work &tx) { return StreamStore(tx).countActive(); });
}

QFuture<QUuid> StreamService::openKey(const StreamKey &key)
{
    const auto check = [key](const StreamKeyRecord &record) {
        if (!key.verifies(record.keyHash))
            throw wrongKey();
        return record.id;
    };
    if (auto known = m_keys.find(key.selector())) {
        try {
            return readyFuture(check(*known));
        } catch (...) {
            return QtFuture::makeExceptionalFuture<QUuid>(std::current_exception());
        }
    }
    return m_database
        .autocommit([selector = key.selector()](pqxx::nontransaction &tx) {
            auto record = StreamStore(tx).keyBySelector(selector);
            if (!record)
                throw wrongKey();
            return *record;
        })
        .then(this, [this, check, selector = key.selector()](const StreamKeyRecord &record) {
            m_keys.remember(selector, record);
            return check(record);
        });
}

QFuture<Stream> StreamService::publish(const StreamKey &key, const Publisher &publisher,
                                       const QString &address)
{
    return openKey(key)
        .then(this,
              [this, publisher, address, selector = key.selector()](const QUuid &id) {
                  const quint64 epoch = m_cache.epoch();
                  // A transaction, not one autocommit statement: an answer the watchdog gave late
                  // (nginx then refuses the publisher) must leave the stream as it was.
                  return m_database
                      .transact([id, publisher, address, selector](pqxx::work &tx) {
                          StreamStore store(tx);
                          auto accepted = store.acceptPublisher(id, selector, publisher, address);
                          if (accepted)
                              return *accepted;
                          // A key replaced on another replica, remembered here from before.
                          if (!store.keyBySelector(selector))
                              throw wrongKey();
                          throw ApiError::conflict( // COMPLETED or FAILED
                              QStringLiteral("the stream has ended; create a new stream"),
                              QStringLiteral("stream_ended"));
                      })
                      .onFailed(this,
                                [this, selector](const ApiError &error) -> PublishRecord {
                                    if (error.status() == 403)
                                        m_keys.forget(selector);
                                    throw error;
                                })
                      .then(this,
                            [this, epoch](const PublishRecord &accepted) {
                                const Stream stream =
                                    committed(accepted.record, epoch, StreamEvent::Publish,
                                              accepted.previous);
                                if (accepted.previous != StreamStatus::Active)
                                    return readyFuture(stream);
                                // The newest publisher wins: one still connected would make nginx
                                // refuse this one as "already publishing", or, on another node,
                                // go on sending what nobody plays.
                                const QString holder = accepted.previousIngest.isEmpty()
                                                           ? stream.ingest
                                                           : accepted.previousIngest;
                                return dropPublisherOf(stream, holder, "a newer one reconnected")
                                    .then([stream] { return stream; });
                            })
                      .unwrap();
              })
        .unwrap();
}

QFuture<std::optional<Stream>> StreamService::publishDone(const StreamKey &key,
                                                          const Publisher &publisher)
{
    return openKey(key)
        .then(this,
              [this, publisher](const QUuid &id) {
                  const quint64 epoch = m_cache.epoch();
                  // The publisher is gone whatever nginx hears back: one autocommit statement.
                  return m_database
                      .autocommit([id, publisher](pqxx::nontransaction &tx) {
                          return StreamStore(tx).interruptIfPublisher(id, publisher);
                      })
                      .then(this,
                            [this, epoch](const std::optional<StreamRecord> &record)
                                -> std::optional<Stream> {
                                if (!record) // not ACTIVE, or a replaced publisher
                                    return std::nullopt;
                                qCInfo(lcStreams).noquote() << "stream" << idText(record->stream.id)
                                                            << "lost its publisher: reconnecting";
                                return committed(*record, epoch, StreamEvent::PublishDone,
                                                 StreamStatus::Active);
                            });
              })
        .unwrap();
}

QFuture<void> StreamService::confirmPublisher(const StreamKey &key, const Publisher &publisher)
{
    const quint64 epoch = m_cache.epoch();
    return m_database
        .transact([key, publisher](pqxx::work &tx) -> std::optional<StreamRecord> {
            StreamStore store(tx);
            const StreamRecord record = verified(store.lockBySelector(key.selector()), key);
            if (isTerminal(record.stream.status))
                throw ended(record.stream);
            const QString &clientId = publisher.client;
            const bool sameNode =
                record.stream.ingest.isEmpty() || record.stream.ingest == publisher.node;
            const bool current = sameNode && (record.publisherClient.isEmpty() ||
                                              record.publisherClient == clientId);
            if (record.stream.status == StreamStatus::Active && current) {
                store.markSeen({record.stream.id}); // alive, wherever /stat is read from
                return std::nullopt;
            }
            // Missing from /stat (an nginx reload's old worker still holds it) but alive after
            // all: the stream goes on. One whose publisher said goodbye has none to match.
            if (record.stream.status == StreamStatus::Reconnecting && sameNode &&
                record.publisherClient == clientId)
                return store.markActive(record.stream.id, clientId, QString());
            throw ApiError::conflict(QStringLiteral("a newer publisher replaced this one"),
                                     QStringLiteral("publisher_replaced"));
        })
        .then(this, [this, epoch](const std::optional<StreamRecord> &resumed) {
            if (!resumed)
                return;
            qCInfo(lcStreams).noquote()
                << "stream" << idText(resumed->stream.id) << "resumed: its publisher is alive";
            committed(*resumed, epoch, StreamEvent::Publish, StreamStatus::Reconnecting);
        });
}

QFuture<void> StreamService::confirmPlayable(const QUuid &id)
{
    return find(id).then([id](const Stream &stream) {
        if (stream.status != StreamStatus::Active)
            throw ApiError::conflict(QStringLiteral("stream %1 is not live").arg(idText(id)),
                                     QStringLiteral("not_live"));
    });
}

QFuture<Stream> StreamService::end(const QUuid &id, const Caller &caller)
{
    struct Outcome
    {
        StreamRecord record;
        StreamStatus previous = StreamStatus::Pending;
        bool changed = false;
    };
    const quint64 epoch = m_cache.epoch();
    return m_database
        .transact([id, caller](pqxx::work &tx) {
            StreamStore store(tx);
            const StreamRecord record = lockActedOn(store, id, caller);
            const auto next = nextStatus(record.stream.status, StreamEvent::End);
            if (!next) // already ended: nothing to do
                return Outcome{record, record.stream.status, false};
            AuditStore(tx).record(caller.auditActor(), QStringLiteral("stream.ended"),
                                  streamTarget(id));
            return Outcome{store.markEnded(id, *next), record.stream.status, true};
        })
        .then(this,
              [this, epoch, name = caller.account.name](const Outcome &outcome) {
                  const Stream stream =
                      committed(outcome.record, epoch,
                                outcome.changed ? std::optional(StreamEvent::End) : std::nullopt,
                                outcome.previous);
                  if (outcome.changed)
                      qCInfo(lcStreams).noquote()
                          << "stream" << idText(stream.id) << "ended by" << name;
                  if (!outcome.changed || outcome.previous != StreamStatus::Active)
                      return readyFuture(stream); // no publisher to drop
                  return dropPublisherOf(stream, stream.ingest, "the stream was ended")
                      .then([stream] { return stream; });
              })
        .unwrap();
}

QFuture<void> StreamService::dropPublisherOf(const Stream &stream, const QString &node,
                                             const char *why)
{
    const QString holder = m_ingest.holderOf(node);
    return m_ingest.client(holder).dropPublisher(stream.id).then(
        this, [id = stream.id, holder, why](QFuture<int> dropped) {
            try {
                if (const int count = dropped.result(); count > 0)
                    qCInfo(lcStreams).noquote() << "dropped" << count << "publisher(s) of"
                                                << idText(id) << "on" << holder << "because" << why;
            } catch (const std::exception &error) {
                // nginx's next on_update for it is refused, which drops it too.
                qCWarning(lcStreams).noquote()
                    << "could not drop the publisher of" << idText(id) << "on" << holder << "now ("
                    << why << "):" << error.what();
            }
        });
}

QFuture<QString> StreamService::rotateKey(const QUuid &id, const Caller &caller)
{
    struct Outcome
    {
        StreamRecord record;
        QString oldSelector;
        bool interrupted = false;
    };
    const StreamKey key = StreamKey::generate();
    const quint64 epoch = m_cache.epoch();
    return m_database
        .transact(
            [id, caller, selector = key.selector(), hash = key.verifierHash()](pqxx::work &tx) {
                StreamStore store(tx);
                const StreamRecord record = lockActedOn(store, id, caller);
                if (isTerminal(record.stream.status))
                    throw ended(record.stream);
                const QString oldSelector = store.replaceKey(id, selector, hash);
                AuditStore(tx).record(caller.auditActor(), QStringLiteral("stream.key_rotated"),
                                      streamTarget(id));
                // Its publisher is about to be dropped: the stream waits for the new key.
                if (record.stream.status == StreamStatus::Active)
                    return Outcome{store.interruptPublisher(id), oldSelector, true};
                return Outcome{record, oldSelector, false};
            })
        .then(this,
              [this, epoch, key, name = caller.account.name](const Outcome &outcome) {
                  m_keys.forget(outcome.oldSelector);
                  m_keys.remember(key.selector(), {outcome.record.stream.id, key.verifierHash()});
                  qCInfo(lcStreams).noquote() << "stream" << idText(outcome.record.stream.id)
                                              << "has a new key, from" << name;
                  const Stream stream = committed(
                      outcome.record, epoch,
                      outcome.interrupted ? std::optional(StreamEvent::PublishDone) : std::nullopt,
                      StreamStatus::Active);
                  if (!outcome.interrupted)
                      return readyFuture(key.text());
                  return dropPublisherOf(stream, stream.ingest, "its key was replaced").then([key] {
                      return key.text();
                  });
              })
        .unwrap();
}

ApiError StreamService::noPublisher(const QUuid &id)
{
    return ApiError(404, QStringLiteral("no_publisher"),
                    QStringLiteral("stream %1 has no live publisher").arg(idText(id)));
}

QFuture<Stream> StreamService::dropPublisher(const QUuid &id, const Caller &caller)
{
    if (!caller.isOperator())
        return QtFuture::makeExceptionalFuture<Stream>(std::make_exception_ptr(
            ApiError::forbidden(QStringLiteral("only an operator may drop a publisher"))));
    const quint64 epoch = m_cache.epoch();
    return m_database
        .transact([id, caller](pqxx::work &tx) {
            StreamStore store(tx);
            const StreamRecord record = lockActedOn(store, id, caller);
            if (record.stream.status != StreamStatus::Active)
                throw StreamService::noPublisher(id);
            AuditStore(tx).record(caller.auditActor(), QStringLiteral("stream.publisher_dropped"),
                                  streamTarget(id));
            return store.interruptPublisher(id);
        })
        .then(this,
              [this, epoch, name = caller.account.name](const StreamRecord &record) {
                  const Stream stream =
                      committed(record, epoch, StreamEvent::PublishDone, StreamStatus::Active);
                  qCInfo(lcStreams).noquote()
                      << "the publisher of" << idText(stream.id) << "is dropped by" << name;
                  const QString holder = m_ingest.holderOf(stream.ingest);
                  // Unlike the drops that follow an end or a new key, this one is the whole
                  // request: its failure is the answer.
                  return m_ingest.client(holder).dropPublisher(stream.id).then(
                      [stream, holder](QFuture<int> dropped) {
                          try {
                              dropped.waitForFinished();
                          } catch (const std::exception &error) {
                              throw ApiError::unavailable(
                                  QStringLiteral("the stream waits for its publisher, but ingest "
                                                 "node %1 could not drop it: %2")
                                      .arg(holder, QString::fromUtf8(error.what())));
                          }
                          return stream;
                      });
              })
        .unwrap();
}

QFuture<QList<Stream>> StreamService::interruptOrphans(const QString &node,
                                                       const QList<QUuid> &live,
                                                       std::optional<std::chrono::seconds> silence)
{
    const quint64 epoch = m_cache.epoch();
    const IngestScope scope{node, m_ingest.firstNode()};
    return m_database
        .transact([scope, live, silence](pqxx::work &tx) {
            StreamStore store(tx);
            store.markSeen(live);
            return silence ? store.interruptOrphans(scope, live, *silence) : QList<StreamRecord>{};
        })
        .then(this, [this, epoch, node](const QList<StreamRecord> &records) {
            QList<Stream> streams;
            for (const StreamRecord &record : records) {
                qCInfo(lcStreams).noquote()
                    << QStringLiteral("stream %1 is gone from ingest node %2: reconnecting")
                           .arg(idText(record.stream.id), node);
                streams.append(
                    committed(record, epoch, StreamEvent::PublishDone, StreamStatus::Active));
            }
            return streams;
        });
}

QFuture<QList<Stream>> StreamService::completeExpired(std::chrono::milliseconds grace)
{
    const quint64 epoch = m_cache.epoch();
    return m_database
        .autocommit(
            [grace](pqxx::nontransaction &tx) { return StreamStore(tx).completeExpired(grace); })
        .then(this, [this, epoch](const QList<StreamRecord> &records) {
            QList<Stream> streams;
            for (const StreamRecord &record : records) {
                qCInfo(lcStreams).noquote()
                    << "stream" << idText(record.stream.id)
                    << "completed: its publisher did not come back within the grace";
                streams.append(committed(record, epoch, StreamEvent::GraceExpired,
                                         StreamStatus::Reconnecting));
            }
            return streams;
        });
}

QFuture<QList<Stream>> StreamService::expirePending(std::chrono::milliseconds age)
{
    const quint64 epoch = m_cache.epoch();
    return m_database
        .autocommit([age](pqxx::nontransaction &tx) { return StreamStore(tx).expirePending(age); })
        .then(this, [this, epoch](const QList<StreamRecord> &records) {
            QList<Stream> streams;
            for (const StreamRecord &record : records) {
                qCInfo(lcStreams).noquote() << "stream" << idText(record.stream.id)
                                            << "failed: it never went live and its key expired";
                streams.append(committed(record, epoch, StreamEvent::Fail, StreamStatus::Pending));
            }
            return streams;
        });
}

QFuture<QList<QUuid>> StreamService::endedBefore(const QList<QUuid> &ids,
                                                 std::chrono::milliseconds age)
{
    return m_database.autocommit(
        [ids, age](pqxx::nontransaction &tx) { return StreamStore(tx).endedBefore(ids, age); });
}

QFuture<QList<StreamSample>> StreamService::history(const QUuid &id, const QDateTime &from,
                                                    const QDateTime &to, std::chrono::seconds step)
{
    return m_database.transact([id, from, to, step](pqxx::work &tx) {
        StreamStore store(tx);
        if (!store.find(id))
            throw noSuchStream(id);
        return store.samples(id, from, to, step);
    });
}

} // namespace nova
