#pragma once

#include "server/store/stream_store.h"

#include <QCache>
#include <QString>

#include <optional>

namespace nova {

// Which stream a key's selector belongs to, and the hash its verifier must match, remembered after
// the first look-up, so the hooks can check a key in memory, in constant time, before they touch
// the database with a single statement. A replaced key is forgotten where it was replaced; another
// replica that still remembers it is corrected by that statement, which also checks the selector.
// Unknown selectors are never remembered (those are guesses; the rate limiter deals with them).
class StreamKeyIndex
{
public:
    explicit StreamKeyIndex(int capacity = 100'000);

    std::optional<StreamKeyRecord> find(const QString &selector);
    void remember(const QString &selector, const StreamKeyRecord &record);
    void forget(const QString &selector) { m_entries.remove(selector); }
    int size() const { return int(m_entries.size()); }

private:
    QCache<QString, StreamKeyRecord> m_entries;
};

} // namespace nova
