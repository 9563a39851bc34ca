#include "console/window/stream_detail_view.h"

#include "console/format/display_format.h"
#include "console/panels/time_series_panel.h"
#include "console/preview/hls_preview.h"
#include "console/publisher/publisher_feed.h"
#include "console/publisher/publisher_panel.h"
#include "console/streams/stream_actions.h"
#include "console/streams/stream_event_log.h"
#include "console/streams/stream_history_feed.h"
#include "console/streams/stream_table_model.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace nova {

namespace {
constexpr qint64 kHistorySeconds = 15 * 60;
constexpr std::chrono::seconds kHistoryStep{5};

// What the preview can do with the stream now: playing before its first segments finds nothing.
HlsPreview::Availability previewAvailability(const Stream &stream)
{
    switch (stream.status) {
    case StreamStatus::Active:
        return stream.playable() ? HlsPreview::Availability::Playable
                                 : HlsPreview::Availability::WaitingForSegments;
    case StreamStatus::Reconnecting:
        return HlsPreview::Availability::Reconnecting;
    default:
        return HlsPreview::Availability::NotLive;
    }
}
} // namespace

StreamDetailView::StreamDetailView(const Sources &sources, QWidget *parent)
    : QWidget(parent)
    , m_streams(sources.streams)
    , m_log(sources.log)
    , m_history(sources.history)
    , m_publisher(sources.publisher)
    , m_actions(sources.actions)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_header = new QLabel(tr("Select a stream in the table"), this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_header, 1);
    m_drop = new QPushButton(tr("Drop publisher…"), this);
    m_drop->setObjectName(QStringLiteral("dropPublisher"));
    m_drop->setEnabled(false);
    m_drop->setToolTip(tr("Disconnect the publisher only: the stream waits for it to reconnect"));
    connect(m_drop, &QPushButton::clicked, this, &StreamDetailView::dropPublisher);
    top->addWidget(m_drop, 0, Qt::AlignTop);
    m_end = new QPushButton(tr("End stream…"), this);
    m_end->setObjectName(QStringLiteral("endStream"));
    m_end->setEnabled(false);
    m_end->setStyleSheet(
        QStringLiteral("QPushButton:enabled { color: #b71c1c; font-weight: bold; }"));
    connect(m_end, &QPushButton::clicked, this, &StreamDetailView::endStream);
    top->addWidget(m_end, 0, Qt::AlignTop);
    layout->addLayout(top);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *charts = new QWidget(splitter);
    auto *chartLayout = new QHBoxLayout(charts);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    m_viewersChart = new TimeSeriesPanel(tr("Viewers"), DisplayFormat::Unit::Count,
                                         TimeSeriesPanel::Style::Lines, charts);
    m_bitrateChart = new TimeSeriesPanel(tr("Bitrate (kb/s)"), DisplayFormat::Unit::Count,
                                         TimeSeriesPanel::Style::Lines, charts);
    chartLayout->addWidget(m_viewersChart);
    chartLayout->addWidget(m_bitrateChart);
    splitter->addWidget(charts);

    auto *side = new QWidget(splitter);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_preview = new HlsPreview(side);
    sideLayout->addWidget(m_preview, 1);
    m_publisherPanel = new PublisherPanel(side);
    sideLayout->addWidget(m_publisherPanel);
    sideLayout->addWidget(new QLabel(tr("<b>Events</b>"), side));
    m_events = new QListWidget(side);
    m_events->setUniformItemSizes(true);
    sideLayout->addWidget(m_events, 1);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(&m_log, &StreamEventLog::added, this, &StreamDetailView::onEvent);
    connect(&m_streams, &QAbstractItemModel::dataChanged, this, &StreamDetailView::updateHeader);
    connect(&m_streams, &QAbstractItemModel::modelReset, this, &StreamDetailView::updateHeader);
    connect(&m_history, &StreamHistoryFeed::loaded, this, &StreamDetailView::showHistory);
    connect(&m_history, &StreamHistoryFeed::unavailable, this,
            [this](const QUuid &stream, const QString &reason) {
                if (stream != m_streamId)
                    return;
                m_viewersChart->setStale(true, reason);
                m_bitrateChart->setStale(true, reason);
            });
    // Whatever the outcome, the buttons follow the stream's state again.
    connect(&m_actions, &StreamActions::failed, this, &StreamDetailView::updateHeader);
    connect(&m_publisher, &PublisherFeed::read, m_publisherPanel, &PublisherPanel::showDetails);
    connect(&m_publisher, &PublisherFeed::unavailable, m_publisherPanel,
            &PublisherPanel::showUnavailable);
}

void StreamDetailView::show(const QUuid &streamId)
{
    if (streamId == m_streamId)
        return;
    m_streamId = streamId;
    m_viewers.clear();
    m_bitrate.clear();
    m_events->clear();
    for (const LiveEvent &event : m_log.events(streamId))
        m_events->addItem(StreamEventLog::describe(event));
    m_events->scrollToBottom();
    updateHeader();

    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_from = now.addSecs(-kHistorySeconds);
    redrawCharts();
    m_history.load(streamId, m_from, now, kHistoryStep);
}

void StreamDetailView::showHistory(const QUuid &stream, const QList<StreamSample> &samples)
{
    if (stream != m_streamId)
        return;
    m_viewersChart->setStale(false);
    m_bitrateChart->setStale(false);
    QList<QPointF> viewers;
    QList<QPointF> bitrate;
    for (const StreamSample &sample : samples) {
        const double x = double(sample.time.toMSecsSinceEpoch());
        viewers.append({x, double(sample.viewers)});
        bitrate.append({x, sample.bitrateKbps});
    }
    // Live points that came in meanwhile follow the history.
    m_viewers = viewers + m_viewers;
    m_bitrate = bitrate + m_bitrate;
    redrawCharts();
}

void StreamDetailView::onEvent(const LiveEvent &event)
{
    if (event.streamId != m_streamId)
        return;
    m_events->addItem(StreamEventLog::describe(event));
    if (m_events->count() > StreamEventLog::kPerStream)
        delete m_events->takeItem(0);
    m_events->scrollToBottom();
    const double x = double(event.timestamp.toMSecsSinceEpoch());
    if (event.name == QLatin1StringView(LiveEvent::kViewerCountChanged))
        m_viewers.append({x, event.data.value(u"viewer_count").toDouble()});
    else if (event.name == QLatin1StringView(LiveEvent::kStreamMetrics))
        m_bitrate.append({x, event.data.value(u"bitrate_kbps").toDouble()});
    redrawCharts();
}

void StreamDetailView::redrawCharts()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Keep a quarter of an hour: the view is about now.
    const double oldest = double(now.addSecs(-kHistorySeconds).toMSecsSinceEpoch());
    for (QList<QPointF> *points : {&m_viewers, &m_bitrate}) {
        while (!points->isEmpty() && points->first().x() < oldest)
            points->removeFirst();
    }
    const QDateTime from = now.addSecs(-kHistorySeconds);
    m_viewersChart->setSeries({{tr("viewers"), m_viewers}}, from, now);
    m_bitrateChart->setSeries({{tr("bitrate"), m_bitrate}}, from, now);
}

void StreamDetailView::updateHeader()
{
    const StreamTableModel::Row *row = m_streams.row(m_streamId);
    followRow();
    if (!row) {
        m_header->setText(tr("Select a stream in the table"));
        m_end->setEnabled(false);
        m_drop->setEnabled(false);
        return;
    }
    const Stream &stream = row->stream;
    m_header->setText(
        QStringLiteral(
            "<span style='font-size:14pt'><b>%1</b></span> &nbsp; %2<br>"
            "<small>%3 &nbsp;·&nbsp; viewers %4 (peak %5) &nbsp;·&nbsp; %6 &nbsp;·&nbsp; "
            "ingest latency %7</small>")
            .arg(stream.title.toHtmlEscaped(), toString(stream.status),
                 stream.id.toString(QUuid::WithoutBraces))
            .arg(stream.viewerCount)
            .arg(stream.peakViewers)
            .arg(row->bitrateKbps ? DisplayFormat::bitrate(*row->bitrateKbps) : QStringLiteral("–"),
                 row->ingestLatencyMs ? DisplayFormat::milliseconds(*row->ingestLatencyMs)
                                      : QStringLiteral("–")));
    m_end->setEnabled(!isTerminal(stream.status)); // a RECONNECTING stream can be ended at once
    m_drop->setEnabled(stream.status == StreamStatus::Active);
}

void StreamDetailView::followRow()
{
    const StreamTableModel::Row *row = m_streams.row(m_streamId);
    if (!row) {
        m_preview->stop();
        m_publisher.follow({}, false);
        return;
    }
    const Stream &stream = row->stream;
    if (isTerminal(stream.status))
        m_preview->stop(stream.startedAt.isValid() ? tr("The stream ended")
                                                   : tr("Not live: no preview"));
    else
        m_preview->follow(stream.hlsUrl, previewAvailability(stream));
    m_publisher.follow(stream.id, stream.status == StreamStatus::Active);
}

void StreamDetailView::dropPublisher()
{
    const StreamTableModel::Row *row = m_streams.row(m_streamId);
    if (!row)
        return;
    const QString title = row->stream.title;
    const auto answer = QMessageBox::warning(
        this, tr("Drop publisher"),
        tr("Disconnect the publisher of \"%1\"?\n\nThe stream waits for it to reconnect with its "
           "key (RECONNECTING); viewers stay and see it resume. A publisher that does not come "
           "back within the grace ends the stream.")
            .arg(title),
        QMessageBox::Cancel | QMessageBox::Yes, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_drop->setEnabled(false);
    m_actions.dropPublisher(m_streamId, title);
}

void StreamDetailView::endStream()
{
    const StreamTableModel::Row *row = m_streams.row(m_streamId);
    if (!row)
        return;
    const QString title = row->stream.title;
    const auto answer = QMessageBox::warning(
        this, tr("End stream"),
        tr("End \"%1\" now?\n\nThe publisher is disconnected and every viewer sees the stream end. "
           "This cannot be undone.")
            .arg(title),
        QMessageBox::Cancel | QMessageBox::Yes, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_end->setEnabled(false);
    m_actions.end(m_streamId, title);
}

} // namespace nova
