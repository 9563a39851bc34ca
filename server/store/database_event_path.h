#pragma once

#include <QByteArray>
#include <QFuture>
#include <QUuid>

namespace nova {

class Database;

// How a live event reaches every replica while Redis is away (the EventBus's fallback): numbered
// in PostgreSQL, one past the higher of its own numbering and `floor`, under the stream's row lock,
// and sent by NOTIFY on commit. An outbox entry (`outboxId` not 0) is deleted in the same
// transaction, so it goes out once; if another relay got it first, nothing is sent and the seq is
// 0. The event's JSON is `prefix` + seq + `suffix`.
QFuture<qint64> publishThroughDatabase(Database &database, const QUuid &stream, qint64 floor,
                                       const QByteArray &prefix, const QByteArray &suffix,
                                       qint64 outboxId);

} // namespace nova
