#pragma once

#include "shared/stream.h"

#include <QDateTime>
#include <QList>
#include <QUuid>

#include <pqxx/pqxx>

#include <string>
#include <string_view>

namespace nova {

// How a stream is read from a row, in one place for every query that returns one; and the row and
// parameter helpers every store shares.

// The columns readStream() reads, in order, of the streams table under `alias` ("" for none):
// id, title, status and the times (as epoch milliseconds), the peak, the owner and the ingest node.
std::string streamColumns(std::string_view alias = {});
// How many columns that is: what a query selects after them starts here.
inline constexpr int kStreamColumnCount = 10;
Stream readStream(const pqxx::row &row, pqxx::row::size_type first = 0);

// `column` (a timestamptz) as epoch milliseconds, the form timeAt() reads.
std::string epochMillis(std::string_view column);
// An epoch-milliseconds column; invalid when NULL.
QDateTime timeAt(const pqxx::field &field);
// A uuid column read as text; null when NULL.
QUuid uuidAt(const pqxx::field &field);
// A uuid as a statement parameter.
std::string uuidParam(const QUuid &id);

// A PostgreSQL array literal ('{a,b}'), passed as one text parameter.
std::string arrayLiteral(const QList<QUuid> &ids);
std::string arrayLiteral(const QList<qint64> &values);
// Each element double-quoted, so that any text is safe in it.
std::string arrayLiteral(const QStringList &values);

} // namespace nova
