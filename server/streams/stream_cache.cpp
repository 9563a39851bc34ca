#include "server/streams/stream_cache.h"

namespace nova {

StreamCache::StreamCache(int capacity)
    : m_entries(capacity)
{}

std::optional<Stream> StreamCache::lookup(const QUuid &id)
{
    if (!m_trusted)
        return std::nullopt;
    if (const Entry *entry = m_entries.object(id))
        return entry->stream;
    return std::nullopt;
}

void StreamCache::put(const StreamRecord &record)
{
    const Entry *current = m_entries.object(record.stream.id);
    if (current && current->revision > record.revision)
        return; // an older snapshot than what we hold
    m_entries.insert(record.stream.id, new Entry{record.stream, record.revision});
}

void StreamCache::store(const StreamRecord &record, quint64 readEpoch)
{
    if (m_trusted && readEpoch == m_epoch)
        put(record);
}

void StreamCache::apply(const StreamRecord &record)
{
    if (m_trusted)
        put(record);
}

void StreamCache::setTrusted(bool trusted)
{
    m_entries.clear();
    m_trusted = trusted;
    ++m_epoch;
}

} // namespace nova
