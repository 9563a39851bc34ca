#pragma once

#include "server/store/stream_page_cursor.h"
#include "shared/stream.h"

#include <pqxx/pqxx>

#include <optional>

namespace nova {

// A stream row with what only the server may see.
struct StreamRecord
{
    Stream stream;
    QString keyHash;         // hex SHA-256 of the key's verifier
    QString publisherClient; // nginx-rtmp clientid of the accepted publisher, if any
};

struct StreamPage
{
    QList<Stream> streams;
    std::optional<StreamPageCursor> next;
};

// The SQL for streams, on a transaction the caller owns (see Database::transact). Knows rows and
// columns, not rules: which transitions are legal is StreamService's business.
class StreamStore
{
public:
    explicit StreamStore(pqxx::work &transaction);

    Stream insert(const QUuid &id, const QString &title, const QString &keySelector,
                  const QString &keyHash);
    std::optional<Stream> find(const QUuid &id);
    // Locks the row until the transaction ends.
    std::optional<StreamRecord> lockBySelector(const QString &keySelector);
    std::optional<StreamRecord> lockById(const QUuid &id);
    Stream markActive(const QUuid &id, const QString &publisherClient,
                      const QString &publisherAddress);
    Stream markEnded(const QUuid &id, StreamStatus status);
    // Newest first; `status` nullopt for all.
    StreamPage list(std::optional<StreamStatus> status, int limit,
                    const std::optional<StreamPageCursor> &after);
    int countActive();

private:
    pqxx::work &m_tx;
};

} // namespace nova
