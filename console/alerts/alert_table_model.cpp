#include "console/alerts/alert_table_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <cmath>

namespace nova {

namespace {
QString stateName(PrometheusAlert::State state)
{
    switch (state) {
    case PrometheusAlert::State::Firing:
        return QStringLiteral("FIRING");
    case PrometheusAlert::State::Pending:
        return QStringLiteral("pending");
    case PrometheusAlert::State::Inactive:
        return QStringLiteral("inactive");
    }
    return {};
}

int severityRank(const PrometheusAlert &alert)
{
    const QString severity = alert.labels.value(QStringLiteral("severity"));
    if (severity == u"critical")
        return 0;
    if (severity == u"warning")
        return 1;
    return 2;
}

QString annotationsText(const PrometheusAlert &alert)
{
    QString text = alert.annotations.value(QStringLiteral("summary"));
    const QString description = alert.annotations.value(QStringLiteral("description"));
    if (!description.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" — ")) + description;
    return text;
}
} // namespace

AlertTableModel::AlertTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AlertTableModel::setAlerts(QList<PrometheusAlert> alerts)
{
    alerts.removeIf([](const PrometheusAlert &alert) {
        return alert.state == PrometheusAlert::State::Inactive;
    });
    // What needs the operator first: firing before pending, critical before warning before the
    // rest, then the longest-standing.
    std::stable_sort(alerts.begin(), alerts.end(),
                     [](const PrometheusAlert &a, const PrometheusAlert &b) {
                         if (a.state != b.state)
                             return a.state == PrometheusAlert::State::Firing;
                         if (severityRank(a) != severityRank(b))
                             return severityRank(a) < severityRank(b);
                         return a.activeAt < b.activeAt;
                     });
    const int before = firingCount();
    beginResetModel();
    m_alerts = std::move(alerts);
    endResetModel();
    if (firingCount() != before)
        emit firingCountChanged(firingCount());
}

int AlertTableModel::firingCount() const
{
    return int(std::count_if(m_alerts.cbegin(), m_alerts.cend(), [](const PrometheusAlert &a) {
        return a.state == PrometheusAlert::State::Firing;
    }));
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const PrometheusAlert &alert = m_alerts.at(index.row());
    const bool firing = alert.state == PrometheusAlert::State::Firing;
    switch (role) {
    case Qt::BackgroundRole:
        return QBrush(firing ? QColor(0xfd, 0xe0, 0xdc) : QColor(0xff, 0xf3, 0xd6));
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return QBrush(firing ? QColor(0xb7, 0x1c, 0x1c) : QColor(0x9a, 0x5b, 0x00));
        return {};
    case Qt::FontRole:
        if (index.column() <= NameColumn) {
            QFont font;
            font.setBold(firing);
            return font;
        }
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        for (auto it = alert.labels.cbegin(); it != alert.labels.cend(); ++it)
            lines.append(it.key() + u'=' + it.value());
        for (auto it = alert.annotations.cbegin(); it != alert.annotations.cend(); ++it)
            lines.append(it.key() + QStringLiteral(": ") + it.value());
        return lines.join(u'\n');
    }
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn:
            return stateName(alert.state);
        case NameColumn: {
            const QString instance = alert.labels.value(QStringLiteral("instance"));
            return instance.isEmpty() ? alert.name
                                      : QStringLiteral("%1 (%2)").arg(alert.name, instance);
        }
        case SinceColumn:
            return alert.activeAt.isValid() ? alert.activeAt.toLocalTime().toString(
                                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                            : QString();
        case ValueColumn:
            return QString::number(alert.value, 'g', 4);
        case SummaryColumn:
            return annotationsText(alert);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn:
        return tr("State");
    case NameColumn:
        return tr("Alert");
    case SinceColumn:
        return tr("Since");
    case ValueColumn:
        return tr("Value");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

} // namespace nova
