#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <functional>
#include <vector>

namespace nova {

// A read-only table of records, one row each, its columns given as a title and what to show of
// a record: the accounts, tokens and audit lists are this with their own columns.
template<typename Record>
class RecordTableModel : public QAbstractTableModel
{
public:
    struct Column
    {
        QString title;
        std::function<QVariant(const Record &)> text;
    };

    RecordTableModel(std::vector<Column> columns, QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_columns(std::move(columns))
    {}

    void setRecords(QList<Record> records)
    {
        beginResetModel();
        m_records = std::move(records);
        endResetModel();
    }
    void append(const QList<Record> &records)
    {
        if (records.isEmpty())
            return;
        beginInsertRows({}, int(m_records.size()), int(m_records.size() + records.size() - 1));
        m_records += records;
        endInsertRows();
    }
    const QList<Record> &records() const { return m_records; }
    const Record *at(int row) const
    {
        return row >= 0 && row < m_records.size() ? &m_records.at(row) : nullptr;
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_records.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_columns.size());
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (role != Qt::DisplayRole || !index.isValid() || index.row() >= m_records.size())
            return {};
        return m_columns.at(std::size_t(index.column())).text(m_records.at(index.row()));
    }
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override
    {
        if (role != Qt::DisplayRole || orientation != Qt::Horizontal || section < 0 ||
            std::size_t(section) >= m_columns.size())
            return {};
        return m_columns.at(std::size_t(section)).title;
    }

private:
    std::vector<Column> m_columns;
    QList<Record> m_records;
};

} // namespace nova
