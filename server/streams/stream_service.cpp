#include "server/streams/stream_service.h"

#include "server/store/database.h"
#include "server/streams/stream_key.h"
#include "shared/api_error.h"

#include <QLoggingCategory>

namespace nova {

Q_LOGGING_CATEGORY(lcStreams, "nova.streams")

namespace {
ApiError wrongKey()
{
    return ApiError::forbidden(QStringLiteral("the stream key is not valid"));
}

ApiError illegalMove(const Stream &stream, StreamEvent event)
{
    if (isTerminal(stream.status))
        return ApiError(403, QStringLiteral("stream_ended"),
                        QStringLiteral("the stream has ended (%1); create a new stream")
                            .arg(toString(stream.status)));
    return ApiError::conflict(QStringLiteral("cannot %1 a stream that is %2")
                                  .arg(toString(event), toString(stream.status)),
                              QStringLiteral("illegal_transition"));
}
} // namespace

StreamService::StreamService(Database &database, PlaybackUrls urls, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_urls(std::move(urls))
{}

Stream StreamService::withUrls(Stream stream) const
{
    stream.hlsUrl = m_urls.hlsUrl(stream.id);
    return stream;
}

QFuture<CreatedStream> StreamService::create(const QString &title)
{
    const StreamKey key = StreamKey::generate();
    const QUuid id = QUuid::createUuid();
    return m_database
        .transact([this, id, title, selector = key.selector(),
                   hash = key.verifierHash()](pqxx::work &tx) {
            return withUrls(StreamStore(tx).insert(id, title, selector, hash));
        })
        .then(this, [this, key](const Stream &stream) {
            qCInfo(lcStreams).noquote()
                << "stream created" << stream.id.toString(QUuid::WithoutBraces);
            return CreatedStream{stream, key.text(), m_urls.rtmpUrl()};
        });
}

QFuture<Stream> StreamService::find(const QUuid &id)
{
    return m_database.transact([this, id](pqxx::work &tx) {
        auto stream = StreamStore(tx).find(id);
        if (!stream)
            throw ApiError::notFound(
                QStringLiteral("no stream with id %1").arg(id.toString(QUuid::WithoutBraces)));
        return withUrls(*stream);
    });
}

QFuture<StreamPage> StreamService::list(std::optional<StreamStatus> status, int limit,
                                        std::optional<StreamPageCursor> after)
{
    return m_database.transact([this, status, limit, after](pqxx::work &tx) {
        StreamPage page = StreamStore(tx).list(status, limit, after);
        for (Stream &stream : page.streams)
            stream = withUrls(std::move(stream));
        return page;
    });
}

QFuture<int> StreamService::countActive()
{
    return m_database.transact([](pqxx::work &tx) { return StreamStore(tx).countActive(); });
}

QFuture<Stream> StreamService::publish(const StreamKey &key, const QString &clientId,
                                       const QString &address)
{
    return m_database
        .transact([this, key, clientId, address](pqxx::work &tx) {
            StreamStore store(tx);
            const auto record = store.lockBySelector(key.selector());
            if (!record || !key.verifies(record->keyHash))
                throw wrongKey();
            if (!nextStatus(record->stream.status, StreamEvent::Publish))
                throw illegalMove(record->stream, StreamEvent::Publish);
            return withUrls(store.markActive(record->stream.id, clientId, address));
        })
        .then(this, [this](const Stream &stream) {
            emit streamTransitioned(stream, StreamEvent::Publish);
            return stream;
        });
}

QFuture<std::optional<Stream>> StreamService::publishDone(const StreamKey &key,
                                                          const QString &clientId)
{
    return m_database
        .transact([this, key, clientId](pqxx::work &tx) -> std::optional<Stream> {
            StreamStore store(tx);
            const auto record = store.lockBySelector(key.selector());
            if (!record || !key.verifies(record->keyHash))
                throw wrongKey();
            const auto next = nextStatus(record->stream.status, StreamEvent::PublishDone);
            const bool currentPublisher =
                record->publisherClient.isEmpty() || record->publisherClient == clientId;
            if (!next || !currentPublisher)
                return std::nullopt;
            return withUrls(store.markEnded(record->stream.id, *next));
        })
        .then(this, [this](const std::optional<Stream> &stream) {
            if (stream)
                emit streamTransitioned(*stream, StreamEvent::PublishDone);
            return stream;
        });
}

} // namespace nova
