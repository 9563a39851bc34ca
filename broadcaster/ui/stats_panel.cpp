#include "broadcaster/ui/stats_panel.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>

namespace nova {

namespace {
constexpr const char *kSeverity = "severity";

QString uptimeText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

StatsPanel::StatsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(16);
    m_status = addRow(QStringLiteral("status"), tr("Status"));
    m_uptime = addRow(QStringLiteral("uptime"), tr("Uptime"));
    m_bitrate = addRow(QStringLiteral("bitrate"), tr("Output bitrate"));
    m_target = addRow(QStringLiteral("target"), tr("Encoder bitrate"));
    m_fps = addRow(QStringLiteral("fps"), tr("Frame rate"));
    m_dropped = addRow(QStringLiteral("dropped"), tr("Dropped frames (network)"));
    m_skipped = addRow(QStringLiteral("skipped"), tr("Skipped frames (encoding lag)"));
    m_encode = addRow(QStringLiteral("encode"), tr("Encoding time per frame"));
    m_latency = addRow(QStringLiteral("latency"), tr("Capture to sent"));
    m_cpu = addRow(QStringLiteral("cpu"), tr("CPU"));
    m_reconnects = addRow(QStringLiteral("reconnects"), tr("Reconnects"));
    m_recording = addRow(QStringLiteral("recording"), tr("Recording"));
    m_viewers = addRow(QStringLiteral("viewers"), tr("Viewers"));
    grid->setColumnStretch(2, 1); // figures next to their names, not across the window
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    reset();
}

QLabel *StatsPanel::addRow(const QString &name, const QString &title)
{
    auto *grid = static_cast<QGridLayout *>(layout());
    const int row = grid->rowCount();
    auto *value = new QLabel(this);
    value->setObjectName(name);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(new QLabel(title, this), row, 0);
    grid->addWidget(value, row, 1);
    return value;
}

void StatsPanel::paint(QLabel *label, Severity severity)
{
    label->setProperty(kSeverity, int(severity));
    const QColor colour = severityColour(severity);
    label->setStyleSheet(colour.isValid() ? QStringLiteral("color: %1").arg(colour.name())
                                          : QString());
}

void StatsPanel::reset()
{
    setStatus(tr("Stopped"));
    for (QLabel *label : {m_uptime, m_bitrate, m_target, m_fps, m_dropped, m_skipped, m_encode,
                          m_latency, m_cpu, m_reconnects, m_recording}) {
        label->setText(QStringLiteral("–"));
        paint(label, Severity::Normal);
    }
    setViewers(-1);
}

void StatsPanel::setStatus(const QString &text, Severity severity)
{
    m_status->setText(text);
    paint(m_status, severity);
}

void StatsPanel::showStats(const BroadcastStats &stats)
{
    const QLocale locale;
    m_uptime->setText(uptimeText(stats.uptimeMs));
    m_bitrate->setText(tr("%1 kb/s").arg(locale.toString(qRound(stats.bitrateKbps))));
    m_fps->setText(tr("%1 / %2 fps").arg(locale.toString(stats.fps, 'f', 1)).arg(stats.targetFps));
    paint(m_fps, frameRateSeverity(stats.fps, stats.targetFps));
    const double dropped = stats.networkDroppedPercent();
    m_dropped->setText(tr("%1 (%2 %)")
                           .arg(locale.toString(stats.networkDroppedFrames))
                           .arg(locale.toString(dropped, 'f', 1)));
    paint(m_dropped, droppedFramesSeverity(dropped));
    const qint64 pictures = stats.framesSent + stats.droppedFrames;
    const double skipped = pictures ? 100.0 * double(stats.droppedFrames) / double(pictures) : 0;
    m_skipped->setText(tr("%1 (%2 %)")
                           .arg(locale.toString(stats.droppedFrames))
                           .arg(locale.toString(skipped, 'f', 1)));
    paint(m_skipped, droppedFramesSeverity(skipped));
    m_encode->setText(tr("%1 ms").arg(locale.toString(stats.encodeMsPerFrame, 'f', 1)));
    if (stats.captureToSendMs >= 0) // between keyframes and once a second; kept in between
        m_latency->setText(tr("%1 ms").arg(locale.toString(qRound(stats.captureToSendMs))));
    m_cpu->setText(tr("%1 % of one core").arg(locale.toString(stats.cpuPercent, 'f', 0)));
    // Dynamic bitrate: what the encoder is asked for now, and why when it is not the chosen one.
    const QString target = tr("%1 kb/s").arg(locale.toString(stats.targetBitrateKbps));
    m_target->setText(
        stats.bitrateReason.isEmpty() ? target : tr("%1 (%2)").arg(target, stats.bitrateReason));
    paint(m_target, stats.bitrateReason.isEmpty() ? Severity::Normal : Severity::Warning);
    m_reconnects->setText(locale.toString(stats.reconnects));
    paint(m_reconnects, stats.reconnects > 0 ? Severity::Warning : Severity::Normal);
    if (!stats.recordingPath.isEmpty())
        m_recording->setText(tr("%1 to %2")
                                 .arg(locale.formattedDataSize(stats.recordedBytes),
                                      QFileInfo(stats.recordingPath).fileName()));
    else
        m_recording->setText(stats.recordingProblem.isEmpty() ? tr("Off") : stats.recordingProblem);
    paint(m_recording, stats.recordingProblem.isEmpty() ? Severity::Normal : Severity::Error);
}

void StatsPanel::setViewers(int viewers)
{
    m_viewers->setText(viewers < 0 ? QStringLiteral("–") : QLocale().toString(viewers));
}

QString StatsPanel::statusText() const
{
    return m_status->text();
}

QString StatsPanel::text(const QString &figure) const
{
    const auto *label = findChild<QLabel *>(figure);
    return label ? label->text() : QString();
}

Severity StatsPanel::severity(const QString &figure) const
{
    const auto *label = findChild<QLabel *>(figure);
    return label ? Severity(label->property(kSeverity).toInt()) : Severity::Normal;
}

} // namespace nova
