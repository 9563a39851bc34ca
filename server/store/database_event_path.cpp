#include "server/store/database_event_path.h"

#include "server/store/database.h"
#include "server/store/outbox_store.h"

namespace nova {

QFuture<qint64> publishThroughDatabase(Database &database, const QUuid &stream, qint64 floor,
                                       const QByteArray &prefix, const QByteArray &suffix,
                                       qint64 outboxId)
{
    return database.transact([=](pqxx::work &tx) -> qint64 {
        OutboxStore outbox(tx);
        if (outboxId != 0 && outbox.remove({outboxId}) == 0)
            return 0; // relayed already
        const qint64 seq = outbox.nextSeq(stream, floor);
        outbox.notify(prefix + QByteArray::number(seq) + suffix);
        return seq;
    });
}

} // namespace nova
