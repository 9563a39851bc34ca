#pragma once

#include "shared/live_event.h"
#include "shared/stream.h"

#include <QDateTime>
#include <QUuid>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace nova {

class HlsPreview;
class PublisherFeed;
class PublisherPanel;
class StreamActions;
class StreamEventLog;
class StreamHistoryFeed;
class StreamTableModel;
class TimeSeriesPanel;

// One stream up close: its figures, its viewers and bitrate over the last quarter hour (history
// from the API, then live from events), its event log, a preview of its HLS output once it can
// be played, what its publisher sends, and the operator's actions on it: Drop publisher (the
// stream waits for it to come back) and End stream, each after a confirmation.
class StreamDetailView : public QWidget
{
    Q_OBJECT

public:
    // What it shows comes from the models and feeds; what the operator does goes to `actions`.
    struct Sources
    {
        StreamTableModel &streams;
        StreamEventLog &log;
        StreamHistoryFeed &history;
        PublisherFeed &publisher;
        StreamActions &actions;
    };

    explicit StreamDetailView(const Sources &sources, QWidget *parent = nullptr);

    void show(const QUuid &streamId);
    const QUuid &streamId() const { return m_streamId; }
    HlsPreview *preview() const { return m_preview; }
    PublisherPanel *publisherPanel() const { return m_publisherPanel; }

private:
    void onEvent(const LiveEvent &event);
    void updateHeader();
    // The preview and the publisher follow the selected stream's state.
    void followRow();
    void endStream();
    void dropPublisher();
    void redrawCharts();
    void showHistory(const QUuid &stream, const QList<StreamSample> &samples);

    StreamTableModel &m_streams;
    StreamEventLog &m_log;
    StreamHistoryFeed &m_history;
    PublisherFeed &m_publisher;
    StreamActions &m_actions;
    QUuid m_streamId;

    QLabel *m_header = nullptr;
    QPushButton *m_end = nullptr;
    QPushButton *m_drop = nullptr;
    PublisherPanel *m_publisherPanel = nullptr;
    TimeSeriesPanel *m_viewersChart = nullptr;
    TimeSeriesPanel *m_bitrateChart = nullptr;
    QListWidget *m_events = nullptr;
    HlsPreview *m_preview = nullptr;
    QList<QPointF> m_viewers;
    QList<QPointF> m_bitrate;
    QDateTime m_from;
};

} // namespace nova
