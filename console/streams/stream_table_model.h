#pragma once

#include "shared/live_event.h"
#include "shared/stream.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QTimer>

#include <optional>

namespace nova {

// Every stream the console knows of, one row each, kept current by the operator's live events
// (started, playable, ended, viewers, metrics) on top of what the REST API listed.
class StreamTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StatusColumn,
        TitleColumn,
        ViewersColumn,
        PeakColumn,
        UptimeColumn,
        BitrateColumn,
        LatencyColumn,
        IngestColumn, // the ingest node holding the publisher
        ColumnCount
    };
    static constexpr int StreamIdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;

    struct Row
    {
        Stream stream;
        std::optional<double> bitrateKbps;
        std::optional<double> fps;
        std::optional<double> ingestLatencyMs;
        bool viewersFromEvents = false; // a viewer_count_changed has come: newer than any list
    };

    explicit StreamTableModel(QObject *parent = nullptr);

    // Replaces what the API listed, keeping live figures of streams still there.
    void setStreams(const QList<Stream> &streams);
    void apply(const LiveEvent &event);
    // The time uptime is counted to (tests set it; otherwise the clock).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    const Row *row(const QUuid &id) const;
    int rowOf(const QUuid &id) const;
    const QList<Row> &rows() const { return m_rows; }
    int liveCount() const;
    int totalViewers() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // A stream the events spoke of that the list did not hold yet (its title is to be read).
    void unknownStream(const QUuid &id);
    // A publisher came (back): the ingest node it is on is in the API's list, not in events.
    void ingestMayHaveChanged(const QUuid &id);

private:
    Row &rowFor(const QUuid &id);
    void changed(int row, Column first, Column last);

    QList<Row> m_rows;
    QTimer m_uptimeTick;
    std::function<QDateTime()> m_clock;
};

} // namespace nova
