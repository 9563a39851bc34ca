#include "server/store/stream_store.h"

namespace nova {

namespace {

// Columns every stream query returns, in the order readStream() reads them.
constexpr const char *kColumns = "id::text, title, status,"
                                 " floor(extract(epoch FROM created_at) * 1000)::bigint,"
                                 " floor(extract(epoch FROM started_at) * 1000)::bigint,"
                                 " floor(extract(epoch FROM ended_at) * 1000)::bigint,"
                                 " peak_viewers,"
                                 " (extract(epoch FROM created_at) * 1000000)::bigint,"
                                 " key_hash, coalesce(publisher_client, '')";

QDateTime timeAt(const pqxx::field &field)
{
    if (field.is_null())
        return {};
    return QDateTime::fromMSecsSinceEpoch(field.as<long long>(), Qt::UTC);
}

Stream readStream(const pqxx::row &row)
{
    Stream stream;
    stream.id = QUuid::fromString(QLatin1StringView(row[0].c_str()));
    stream.title = QString::fromUtf8(row[1].c_str());
    stream.status =
        parseStreamStatus(QString::fromLatin1(row[2].c_str())).value_or(StreamStatus::Failed);
    stream.createdAt = timeAt(row[3]);
    stream.startedAt = timeAt(row[4]);
    stream.endedAt = timeAt(row[5]);
    stream.peakViewers = row[6].as<int>();
    return stream;
}

StreamRecord readRecord(const pqxx::row &row)
{
    return {readStream(row), QString::fromLatin1(row[8].c_str()),
            QString::fromUtf8(row[9].c_str())};
}

std::string text(const QString &value)
{
    return value.toStdString();
}

std::string idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces).toStdString();
}

std::string sql(const char *before, const char *after = "")
{
    return std::string(before) + kColumns + after;
}

} // namespace

StreamStore::StreamStore(pqxx::work &transaction)
    : m_tx(transaction)
{}

Stream StreamStore::insert(const QUuid &id, const QString &title, const QString &keySelector,
                           const QString &keyHash)
{
    const auto row = m_tx.exec_params1(
        sql("INSERT INTO streams (id, title, key_selector, key_hash) VALUES ($1, $2, $3, $4) "
            "RETURNING "),
        idText(id), text(title), text(keySelector), text(keyHash));
    return readStream(row);
}

std::optional<Stream> StreamStore::find(const QUuid &id)
{
    const auto rows = m_tx.exec_params(sql("SELECT ", " FROM streams WHERE id = $1"), idText(id));
    if (rows.empty())
        return std::nullopt;
    return readStream(rows[0]);
}

std::optional<StreamRecord> StreamStore::lockBySelector(const QString &keySelector)
{
    const auto rows = m_tx.exec_params(
        sql("SELECT ", " FROM streams WHERE key_selector = $1 FOR UPDATE"), text(keySelector));
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

std::optional<StreamRecord> StreamStore::lockById(const QUuid &id)
{
    const auto rows =
        m_tx.exec_params(sql("SELECT ", " FROM streams WHERE id = $1 FOR UPDATE"), idText(id));
    if (rows.empty())
        return std::nullopt;
    return readRecord(rows[0]);
}

Stream StreamStore::markActive(const QUuid &id, const QString &publisherClient,
                               const QString &publisherAddress)
{
    const auto row = m_tx.exec_params1(
        sql("UPDATE streams SET status = 'ACTIVE', started_at = coalesce(started_at, now()),"
            " publisher_client = $2, publisher_addr = $3 WHERE id = $1 RETURNING "),
        idText(id), text(publisherClient), text(publisherAddress));
    return readStream(row);
}

Stream StreamStore::markEnded(const QUuid &id, StreamStatus status)
{
    const auto row = m_tx.exec_params1(
        sql("UPDATE streams SET status = $2, ended_at = coalesce(ended_at, now()),"
            " publisher_client = NULL WHERE id = $1 RETURNING "),
        idText(id), text(toString(status)));
    return readStream(row);
}

StreamPage StreamStore::list(std::optional<StreamStatus> status, int limit,
                             const std::optional<StreamPageCursor> &after)
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
    const std::string query = sql("SELECT ", " FROM streams WHERE true") + where +
                              " ORDER BY created_at DESC, id DESC LIMIT $1";

    pqxx::result rows;
    if (status && after)
        rows = m_tx.exec_params(query, limit + 1, text(toString(*status)),
                                static_cast<long long>(after->createdMicros), idText(after->id));
    else if (status)
        rows = m_tx.exec_params(query, limit + 1, text(toString(*status)));
    else if (after)
        rows = m_tx.exec_params(query, limit + 1, static_cast<long long>(after->createdMicros),
                                idText(after->id));
    else
        rows = m_tx.exec_params(query, limit + 1);

    StreamPage page;
    const int count = std::min<int>(int(rows.size()), limit);
    for (int i = 0; i < count; ++i)
        page.streams.append(readStream(rows[i]));
    if (int(rows.size()) > limit) {
        const auto &last = rows[count - 1];
        page.next = StreamPageCursor{last[7].as<long long>(), page.streams.last().id};
    }
    return page;
}

int StreamStore::countActive()
{
    return m_tx.exec("SELECT count(*) FROM streams WHERE status = 'ACTIVE'")[0][0].as<int>();
}

} // namespace nova
