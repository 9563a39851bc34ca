#pragma once

#include "server/store/stream_store.h"
#include "server/streams/playback_urls.h"
#include "shared/stream.h"
#include "shared/stream_lifecycle.h"

#include <QFuture>
#include <QObject>

#include <optional>

namespace nova {

class Database;
class StreamKey;

// The rules of a stream's life: creating it with a fresh key, and moving it through the lifecycle
// when publishers come and go. Knows no HTTP; every call is one database transaction off the event
// loop, and every committed transition is announced with streamTransitioned().
class StreamService : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxTitleLength = 200;

    StreamService(Database &database, PlaybackUrls urls, QObject *parent = nullptr);

    QFuture<CreatedStream> create(const QString &title);
    QFuture<Stream> find(const QUuid &id); // 404 when there is no such stream
    QFuture<StreamPage> list(std::optional<StreamStatus> status, int limit,
                             std::optional<StreamPageCursor> after);
    QFuture<int> countActive();

    // A publisher presented `key`: PENDING, or ACTIVE (a reconnect), becomes ACTIVE with
    // `clientId` as its publisher. A wrong key or an ended stream is a 403 and changes nothing.
    QFuture<Stream> publish(const StreamKey &key, const QString &clientId, const QString &address);
    // Publisher `clientId` went away: ACTIVE becomes COMPLETED. A publisher that a reconnect has
    // already replaced changes nothing (nullopt), nor does a stream that is not ACTIVE.
    QFuture<std::optional<Stream>> publishDone(const StreamKey &key, const QString &clientId);

signals:
    void streamTransitioned(const nova::Stream &stream, nova::StreamEvent event);

private:
    Stream withUrls(Stream stream) const;

    Database &m_database;
    PlaybackUrls m_urls;
};

} // namespace nova
