#pragma once

#include "shared/live_event.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QUuid>

namespace nova {

// The most recent live events of each stream, for its detail view.
class StreamEventLog : public QObject
{
    Q_OBJECT

public:
    static constexpr int kPerStream = 500;

    explicit StreamEventLog(QObject *parent = nullptr);

    void add(const LiveEvent &event);
    QList<LiveEvent> events(const QUuid &streamId) const { return m_events.value(streamId); }

    // One line for people: "12:00:01.250  viewers 3 (peak 5)".
    static QString describe(const LiveEvent &event);

signals:
    void added(const nova::LiveEvent &event);

private:
    QHash<QUuid, QList<LiveEvent>> m_events;
};

} // namespace nova
