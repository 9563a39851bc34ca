#pragma once

#include "server/store/stream_store.h"

#include <QCache>
#include <QUuid>

#include <optional>

namespace nova {

// The streams this replica has read or heard about, so that a popular stream's page does not
// touch PostgreSQL per request. Kept in step with every replica's writes by the database's change
// notifications (StreamChangeListener), newest revision winning. While those cannot be heard the
// cache is untrusted: it is emptied, serves nothing and stores nothing, and a read that began
// before it became trusted again is not stored (its snapshot may predate a change it never heard).
class StreamCache
{
public:
    explicit StreamCache(int capacity = 10'000);

    std::optional<Stream> lookup(const QUuid &id);

    // Marks the start of a database read whose result may be stored with store(record, epoch).
    quint64 epoch() const { return m_epoch; }
    void store(const StreamRecord &record, quint64 readEpoch);
    // A change heard from the database: always newer than any read that began before it.
    void apply(const StreamRecord &record);

    void setTrusted(bool trusted);
    bool isTrusted() const { return m_trusted; }
    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        Stream stream;
        qint64 revision = 0;
    };
    void put(const StreamRecord &record);

    QCache<QUuid, Entry> m_entries;
    bool m_trusted = false;
    quint64 m_epoch = 0;
};

} // namespace nova
