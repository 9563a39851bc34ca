#pragma once

#include "broadcaster/pipeline/broadcast_stats.h"
#include "broadcaster/ui/stats_severity.h"

#include <QWidget>

class QLabel;

namespace nova {

// The figures a streamer watches while live, one line each, coloured when they cross OBS's
// warning thresholds: status, uptime, bitrate, frame rate against the target, dropped and skipped
// frames, encoding time, CPU, viewers.
class StatsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StatsPanel(QWidget *parent = nullptr);

    void setStatus(const QString &text, Severity severity = Severity::Normal);
    void showStats(const BroadcastStats &stats);
    void setViewers(int viewers); // negative: unknown
    void reset();

    QString statusText() const;
    QString text(const QString &figure) const; // by object name, for tests
    Severity severity(const QString &figure) const;

private:
    QLabel *addRow(const QString &name, const QString &title);
    static void paint(QLabel *label, Severity severity);

    QLabel *m_status;
    QLabel *m_uptime;
    QLabel *m_bitrate;
    QLabel *m_fps;
    QLabel *m_dropped;
    QLabel *m_skipped;
    QLabel *m_encode;
    QLabel *m_latency;
    QLabel *m_cpu;
    QLabel *m_target;
    QLabel *m_reconnects;
    QLabel *m_recording;
    QLabel *m_viewers;
};

} // namespace nova
