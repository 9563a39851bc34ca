#include "console/streams/stream_table_model.h"

#include "console/format/display_format.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace nova {

StreamTableModel::StreamTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    // Uptime moves on its own; one repaint of that column a second.
    m_uptimeTick.setInterval(1000);
    connect(&m_uptimeTick, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, UptimeColumn), index(int(m_rows.size()) - 1, UptimeColumn));
    });
    m_uptimeTick.start();
}

void StreamTableModel::setStreams(const QList<Stream> &streams)
{
    QList<Row> rows;
    rows.reserve(streams.size());
    for (const Stream &stream : streams) {
        Row row{stream, {}, {}, {}, false};
        if (const Row *known = this->row(stream.id)) {
            row.bitrateKbps = known->bitrateKbps;
            row.fps = known->fps;
            row.ingestLatencyMs = known->ingestLatencyMs;
            // Events may be newer than the list's snapshot.
            if (known->viewersFromEvents && stream.status == StreamStatus::Active) {
                row.stream.viewerCount = known->stream.viewerCount;
                row.viewersFromEvents = true;
            }
            row.stream.peakViewers = std::max(known->stream.peakViewers, stream.peakViewers);
            // A stream_playable newer than the snapshot: there is no second one to wait for.
            if (!row.stream.playableAt.isValid() && !isTerminal(stream.status))
                row.stream.playableAt = known->stream.playableAt;
        }
        rows.append(std::move(row));
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void StreamTableModel::apply(const LiveEvent &event)
{
    const bool known = rowOf(event.streamId) >= 0;
    Row &row = rowFor(event.streamId);
    const int index = rowOf(event.streamId);
    const QJsonObject &data = event.data;
    if (event.name == QLatin1StringView(LiveEvent::kStreamStarted)) {
        row.stream.status = StreamStatus::Active;
        if (!row.stream.startedAt.isValid())
            row.stream.startedAt = event.timestamp;
        row.stream.endedAt = {};
        changed(index, StatusColumn, LatencyColumn);
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamInterrupted)) {
        // The publisher is gone for now: no picture, but the viewers are still there, waiting.
        row.stream.status = StreamStatus::Reconnecting;
        row.bitrateKbps.reset();
        row.fps.reset();
        row.ingestLatencyMs.reset();
        changed(index, StatusColumn, LatencyColumn);
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamResumed)) {
        row.stream.status = StreamStatus::Active;
        changed(index, StatusColumn, StatusColumn);
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamPlayable)) {
        if (!row.stream.playableAt.isValid())
            row.stream.playableAt = event.timestamp;
        changed(index, StatusColumn, StatusColumn);
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamEnded)) {
        row.stream.status = StreamStatus::Completed;
        row.stream.endedAt = event.timestamp;
        row.stream.viewerCount = 0;
        row.bitrateKbps.reset();
        row.fps.reset();
        row.ingestLatencyMs.reset();
        changed(index, StatusColumn, LatencyColumn);
    } else if (event.name == QLatin1StringView(LiveEvent::kViewerCountChanged)) {
        row.stream.viewerCount = data.value(u"viewer_count").toInt(row.stream.viewerCount);
        row.viewersFromEvents = true;
        row.stream.peakViewers = std::max(
            row.stream.peakViewers, data.value(u"peak_viewers").toInt(row.stream.viewerCount));
        changed(index, ViewersColumn, PeakColumn);
    } else if (event.name == QLatin1StringView(LiveEvent::kStreamMetrics)) {
        const auto number = [&](QStringView key) -> std::optional<double> {
            const QJsonValue value = data.value(key);
            return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
        };
        row.bitrateKbps = number(u"bitrate_kbps");
        row.fps = number(u"fps");
        row.ingestLatencyMs = number(u"ingest_latency_ms");
        // Metrics flow only while live: a missed start still shows as live.
        if (row.stream.status != StreamStatus::Active) {
            row.stream.status = StreamStatus::Active;
            changed(index, StatusColumn, StatusColumn);
        }
        changed(index, BitrateColumn, LatencyColumn);
    }
    if (!known)
        emit unknownStream(event.streamId);
    else if (event.name == QLatin1StringView(LiveEvent::kStreamStarted) ||
             event.name == QLatin1StringView(LiveEvent::kStreamResumed))
        emit ingestMayHaveChanged(event.streamId);
}

StreamTableModel::Row &StreamTableModel::rowFor(const QUuid &id)
{
    const int index = rowOf(id);
    if (index >= 0)
        return m_rows[index];
    // Newest first, as the API lists them.
    beginInsertRows({}, 0, 0);
    Row row;
    row.stream.id = id;
    m_rows.prepend(row);
    endInsertRows();
    return m_rows.first();
}

const StreamTableModel::Row *StreamTableModel::row(const QUuid &id) const
{
    const int index = rowOf(id);
    return index >= 0 ? &m_rows.at(index) : nullptr;
}

int StreamTableModel::rowOf(const QUuid &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).stream.id == id)
            return i;
    }
    return -1;
}

int StreamTableModel::liveCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &row) {
        return row.stream.status == StreamStatus::Active;
    }));
}

int StreamTableModel::totalViewers() const
{
    int total = 0;
    for (const Row &row : m_rows)
        total += row.stream.status == StreamStatus::Active ||
                         row.stream.status == StreamStatus::Reconnecting
                     ? row.stream.viewerCount
                     : 0;
    return total;
}

void StreamTableModel::changed(int row, Column first, Column last)
{
    emit dataChanged(index(row, first), index(row, last));
}

int StreamTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const Stream &stream = row.stream;
    const bool live = stream.status == StreamStatus::Active;
    if (role == StreamIdRole)
        return stream.id;
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        if (live)
            return QBrush(QColor(0x2e, 0x9e, 0x44));
        if (stream.status == StreamStatus::Reconnecting) // amber: may still come back
            return QBrush(QColor(0xe0, 0x8a, 0x00));
        if (stream.status == StreamStatus::Failed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    }
    if (role == Qt::FontRole && index.column() == StatusColumn &&
        (live || stream.status == StreamStatus::Reconnecting)) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= ViewersColumn &&
        index.column() <= LatencyColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    const qint64 uptime = stream.durationSeconds(m_clock());
    if (role == SortRole) {
        switch (index.column()) {
        case ViewersColumn:
            return stream.viewerCount;
        case PeakColumn:
            return stream.peakViewers;
        case UptimeColumn:
            return uptime;
        case BitrateColumn:
            return row.bitrateKbps.value_or(-1);
        case LatencyColumn:
            return row.ingestLatencyMs.value_or(-1);
        default:
            break;
        }
        return data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case StatusColumn:
        return toString(stream.status);
    case TitleColumn:
        return stream.title.isEmpty() ? stream.id.toString(QUuid::WithoutBraces) : stream.title;
    case ViewersColumn:
        return live ? QString::number(stream.viewerCount) : QStringLiteral("–");
    case PeakColumn:
        return QString::number(stream.peakViewers);
    case UptimeColumn:
        return stream.startedAt.isValid() ? DisplayFormat::duration(uptime) : QStringLiteral("–");
    case BitrateColumn:
        return row.bitrateKbps ? DisplayFormat::bitrate(*row.bitrateKbps) : QStringLiteral("–");
    case LatencyColumn:
        return row.ingestLatencyMs ? DisplayFormat::milliseconds(*row.ingestLatencyMs)
                                   : QStringLiteral("–");
    case IngestColumn: // where it is held now; an ended stream is held nowhere
        return (live || stream.status == StreamStatus::Reconnecting) && !stream.ingest.isEmpty()
                   ? stream.ingest
                   : QStringLiteral("–");
    default:
        return {};
    }
}

QVariant StreamTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case TitleColumn:
        return tr("Title");
    case ViewersColumn:
        return tr("Viewers");
    case PeakColumn:
        return tr("Peak");
    case UptimeColumn:
        return tr("Uptime");
    case BitrateColumn:
        return tr("Bitrate");
    case LatencyColumn:
        return tr("Ingest latency");
    case IngestColumn:
        return tr("Node");
    default:
        return {};
    }
}

} // namespace nova
