#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace nova {

// Hands work from one thread to another, in order. Unbounded on purpose: a consumer that falls
// behind is noticed by how far behind it is (and then dropped), not by blocking the producer,
// which is the source's path and must never wait for a rendition.
template<typename Item>
class WorkQueue
{
public:
    void push(Item item)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_closed)
                return;
            m_items.push_back(std::move(item));
        }
        m_ready.notify_one();
    }

    // The next item; nullopt once the queue is closed and empty.
    std::optional<Item> pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_closed || !m_items.empty(); });
        if (m_items.empty())
            return std::nullopt;
        Item item = std::move(m_items.front());
        m_items.pop_front();
        return item;
    }

    // No more pushes; what is queued is still popped unless `discard`.
    void close(bool discard)
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
            if (discard)
                m_items.clear();
        }
        m_ready.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<Item> m_items;
    bool m_closed = false;
};

} // namespace nova
