#pragma once

#include <QChartView>
#include <QDateTime>

namespace nova {

// A chart view that lets the operator pick a time span by dragging across it (every panel then
// shows that span) and go back with a double-click or the right button.
class InteractiveChartView : public QChartView
{
    Q_OBJECT

public:
    explicit InteractiveChartView(QChart *chart, QWidget *parent = nullptr);

signals:
    void rangeSelected(const QDateTime &from, const QDateTime &to);
    void resetRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    QPointF m_pressAt;
};

} // namespace nova
