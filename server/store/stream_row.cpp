#include "server/store/stream_row.h"

#include "shared/qt_compat.h"

namespace nova {

namespace {
template<typename T, typename Text>
std::string arrayOf(const QList<T> &values, Text text)
{
    std::string out = "{";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += text(values.at(i));
    }
    return out + "}";
}
} // namespace

std::string streamColumns(std::string_view alias)
{
    const std::string a = alias.empty() ? std::string() : std::string(alias) + '.';
    const auto millis = [&a](const char *column) { return epochMillis(a + column); };
    return a + "id::text, " + a + "title, " + a + "status, " + millis("created_at") + ", " +
           millis("started_at") + ", " + millis("ended_at") + ", " + a + "peak_viewers, " + a +
           "owner::text, " + millis("playable_at") + ", coalesce(" + a + "ingest_node, '')";
}

Stream readStream(const pqxx::row &row, pqxx::row::size_type first)
{
    Stream stream;
    stream.id = uuidAt(row[first]);
    stream.title = QString::fromUtf8(row[first + 1].c_str());
    stream.status = parseStreamStatus(QString::fromLatin1(row[first + 2].c_str()))
                        .value_or(StreamStatus::Failed);
    stream.createdAt = timeAt(row[first + 3]);
    stream.startedAt = timeAt(row[first + 4]);
    stream.endedAt = timeAt(row[first + 5]);
    stream.peakViewers = row[first + 6].as<int>();
    stream.owner = uuidAt(row[first + 7]);
    stream.playableAt = timeAt(row[first + 8]);
    stream.ingest = QString::fromUtf8(row[first + 9].c_str());
    return stream;
}

std::string epochMillis(std::string_view column)
{
    return "floor(extract(epoch FROM " + std::string(column) + ") * 1000)::bigint";
}

QDateTime timeAt(const pqxx::field &field)
{
    if (field.is_null())
        return {};
    return utcFromMSecsSinceEpoch(field.as<long long>());
}

QUuid uuidAt(const pqxx::field &field)
{
    return field.is_null() ? QUuid() : QUuid::fromString(QLatin1StringView(field.c_str()));
}

std::string uuidParam(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces).toStdString();
}

std::string arrayLiteral(const QList<QUuid> &ids)
{
    return arrayOf(ids, uuidParam);
}

std::string arrayLiteral(const QStringList &values)
{
    return arrayOf(values, [](const QString &value) {
        std::string quoted = "\"";
        for (const char c : value.toStdString()) {
            if (c == '"' || c == '\\')
                quoted += '\\';
            quoted += c;
        }
        return quoted + '"';
    });
}

std::string arrayLiteral(const QList<qint64> &values)
{
    return arrayOf(values, [](qint64 value) { return std::to_string(value); });
}

} // namespace nova
