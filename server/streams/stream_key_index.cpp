#include "server/streams/stream_key_index.h"

namespace nova {

StreamKeyIndex::StreamKeyIndex(int capacity)
    : m_entries(capacity)
{}

std::optional<StreamKeyRecord> StreamKeyIndex::find(const QString &selector)
{
    if (const StreamKeyRecord *record = m_entries.object(selector))
        return *record;
    return std::nullopt;
}

void StreamKeyIndex::remember(const QString &selector, const StreamKeyRecord &record)
{
    m_entries.insert(selector, new StreamKeyRecord(record));
}

} // namespace nova
