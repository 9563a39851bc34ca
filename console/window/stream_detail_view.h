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

class ApiClient;
class HlsPreview;
class StreamEventLog;
class StreamTableModel;
class TimeSeriesPanel;

// One stream up close: its figures, its viewers and bitrate over the last quarter hour (history
// from the API, then live from events), its event log, a preview of its HLS output, and the
// operator's action on it: End stream (after a confirmation).
class StreamDetailView : public QWidget
{
    Q_OBJECT

public:
    StreamDetailView(ApiClient &api, StreamTableModel &streams, StreamEventLog &log,
                     QWidget *parent = nullptr);

    void show(const QUuid &streamId);
    const QUuid &streamId() const { return m_streamId; }

signals:
    void streamEnded(const nova::Stream &stream);
    void actionFailed(const QString &message);

private:
    void onEvent(const LiveEvent &event);
    void updateHeader();
    void endStream();
    void redrawCharts();

    ApiClient &m_api;
    StreamTableModel &m_streams;
    StreamEventLog &m_log;
    QUuid m_streamId;
    quint64 m_generation = 0;

    QLabel *m_header = nullptr;
    QPushButton *m_end = nullptr;
    TimeSeriesPanel *m_viewersChart = nullptr;
    TimeSeriesPanel *m_bitrateChart = nullptr;
    QListWidget *m_events = nullptr;
    HlsPreview *m_preview = nullptr;
    QList<QPointF> m_viewers;
    QList<QPointF> m_bitrate;
    QDateTime m_from;
};

} // namespace nova
