#pragma once

#include "console/format/display_format.h"

#include <QDateTime>
#include <QFrame>
#include <QList>
#include <QPointF>

#include <optional>

class QChart;
class QLabel;
class QLineSeries;
class QValueAxis;
class QDateTimeAxis;

namespace nova {

// A figure read at a glance: the current value in large type over a sparkline of its recent past.
class StatPanel : public QFrame
{
    Q_OBJECT

public:
    StatPanel(const QString &title, DisplayFormat::Unit unit, QWidget *parent = nullptr);

    void setHistory(const QList<QPointF> &points, const QDateTime &from, const QDateTime &to);
    void setStale(bool stale, const QString &reason = {});

    QString title() const { return m_titleText; }
    // The figure as shown ("–" before any data).
    QString valueText() const;
    std::optional<double> value() const { return m_current; }
    bool isStale() const { return m_stale; }

private:
    void updateTitle();

    QString m_titleText;
    DisplayFormat::Unit m_unit;
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QChart *m_chart = nullptr;
    QLineSeries *m_line = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    std::optional<double> m_current;
    bool m_stale = false;
    QString m_staleReason;
};

} // namespace nova
