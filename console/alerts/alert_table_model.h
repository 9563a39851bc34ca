#pragma once

#include "console/prometheus/prometheus_result.h"

#include <QAbstractTableModel>
#include <QList>

namespace nova {

// Prometheus's alerts that are firing or pending, firing first, each with since when, its value
// and its annotations; rows are tinted by state so that a firing alert cannot be missed.
class AlertTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StateColumn,
        NameColumn,
        SinceColumn,
        ValueColumn,
        SummaryColumn,
        ColumnCount
    };

    explicit AlertTableModel(QObject *parent = nullptr);

    void setAlerts(QList<PrometheusAlert> alerts);
    const QList<PrometheusAlert> &alerts() const { return m_alerts; }
    int firingCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void firingCountChanged(int firing);

private:
    QList<PrometheusAlert> m_alerts;
};

} // namespace nova
