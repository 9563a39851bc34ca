#include "broadcaster/publisher/send_queue.h"

#include <algorithm>

namespace nova {

namespace {
constexpr AVRational kMilliseconds{1, 1000};
}

SendQueue::SendQueue(Limits limits)
    : m_limits(limits)
{}

qint64 SendQueue::spanMs() const
{
    return m_entries.empty() ? 0 : m_newestMs - m_entries.front().packet->dts;
}

void SendQueue::dropQueuedVideo()
{
    const auto before = m_entries.size();
    std::erase_if(m_entries, [](const Entry &entry) {
        return entry.kind == Kind::Video && !(entry.packet->flags & AV_PKT_FLAG_KEY);
    });
    m_droppedVideo += qint64(before - m_entries.size());
}

void SendQueue::push(const AVPacket *packet, AVRational timeBase, Kind kind)
{
    std::lock_guard lock(m_mutex);
    if (!m_online || m_closed)
        return; // nobody to send to: the stream resumes at a keyframe once connected
    const bool keyframe = kind == Kind::Video && (packet->flags & AV_PKT_FLAG_KEY);
    if (kind == Kind::Video && !keyframe) {
        if (m_skipToKeyframe) {
            m_droppedVideo += m_congested ? 1 : 0;
            return;
        }
        if (spanMs() > m_limits.congested.count()) {
            // The network is behind: shed the video that can go without breaking the picture.
            dropQueuedVideo();
            ++m_droppedVideo;
            m_skipToKeyframe = true;
            m_congested = true;
            return;
        }
    }
    if (keyframe)
        m_skipToKeyframe = m_congested = false;

    Entry entry{AvPacketPtr(av_packet_clone(packet)), kind};
    if (!entry.packet)
        return;
    av_packet_rescale_ts(entry.packet.get(), timeBase, kMilliseconds);
    m_newestMs = std::max(m_newestMs, qint64(entry.packet->dts));
    m_entries.push_back(std::move(entry));
    m_ready.notify_one();
}

std::optional<SendQueue::Entry> SendQueue::pop(std::chrono::steady_clock::time_point until)
{
    std::unique_lock lock(m_mutex);
    // Once closed, what is queued still goes out (the end of a broadcast), then nothing.
    if (!m_ready.wait_until(lock, until, [this] { return m_closed || !m_entries.empty(); }) ||
        m_entries.empty())
        return std::nullopt;
    Entry entry = std::move(m_entries.front());
    m_entries.pop_front();
    return entry;
}

void SendQueue::connected()
{
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_online = true;
    m_skipToKeyframe = true;
    m_congested = false;
}

void SendQueue::disconnected()
{
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_online = false;
}

void SendQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_ready.notify_all();
}

qint64 SendQueue::droppedVideoFrames() const
{
    std::lock_guard lock(m_mutex);
    return m_droppedVideo;
}

qint64 SendQueue::queuedMs() const
{
    std::lock_guard lock(m_mutex);
    return spanMs();
}

bool SendQueue::overflowed() const
{
    std::lock_guard lock(m_mutex);
    return spanMs() > m_limits.overflow.count();
}

bool SendQueue::awaitingKeyframe() const
{
    std::lock_guard lock(m_mutex);
    return m_skipToKeyframe;
}

} // namespace nova
