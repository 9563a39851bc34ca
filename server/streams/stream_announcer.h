#pragma once

#include "shared/stream.h"
#include "shared/stream_lifecycle.h"

#include <QObject>

#include <chrono>

namespace nova {

class EventBus;
class Metrics;
class StreamService;
class ViewerCounts;
class ViewerPresence;

// Tells the world what happened to a stream: each committed transition becomes its live event on
// the bus (stream_started, stream_interrupted, stream_resumed, stream_ended), told once, by the
// replica that made the change. An ended stream's duration is observed and its peak of viewers,
// the higher of Redis's and what this replica saw, goes into its record.
class StreamAnnouncer : public QObject
{
    Q_OBJECT

public:
    StreamAnnouncer(StreamService &streams, EventBus &bus, const ViewerCounts &viewers,
                    ViewerPresence &presence, Metrics &metrics, std::chrono::seconds reconnectGrace,
                    QObject *parent = nullptr);

private:
    void announce(const Stream &stream, StreamEvent event, StreamStatus previous);
    void announceEnd(const Stream &stream);

    StreamService &m_streams;
    EventBus &m_bus;
    const ViewerCounts &m_viewers;
    ViewerPresence &m_presence;
    Metrics &m_metrics;
    std::chrono::seconds m_reconnectGrace;
};

} // namespace nova
