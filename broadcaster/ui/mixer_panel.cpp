#include "broadcaster/ui/mixer_panel.h"

#include "broadcaster/mixer/audio_mixer.h"
#include "broadcaster/ui/level_meter.h"
#include "broadcaster/ui/stats_severity.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

#include <cmath>

namespace nova {

namespace {
QString dbfsText(double dbfs)
{
    return std::isfinite(dbfs) && dbfs > LevelMeter::kFloorDbfs
               ? QStringLiteral("%1 dB").arg(dbfs, 0, 'f', 1)
               : QStringLiteral("-inf dB");
}
} // namespace

MixerPanel::MixerPanel(QWidget *parent)
    : QGroupBox(tr("Audio mixer"), parent)
    , m_grid(new QGridLayout(this))
    , m_idle(new QLabel(tr("The sounds being mixed show here while live."), this))
{
    m_idle->setObjectName(QStringLiteral("mixerIdle"));
    m_grid->addWidget(m_idle, 0, 0, 1, 4);
    m_grid->setColumnStretch(1, 1);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &MixerPanel::refresh);
}

void MixerPanel::attach(std::shared_ptr<AudioMixer> mixer)
{
    detach();
    m_mixer = std::move(mixer);
    if (!m_mixer || m_mixer->size() == 0) {
        m_idle->setText(
            tr("No sound is sent: choose a microphone, desktop audio or the test tone."));
        m_idle->show();
        return;
    }
    m_idle->hide();
    const QList<AudioMixer::Strip> strips = m_mixer->strips();
    for (int i = 0; i < strips.size(); ++i) {
        // Each row's widgets are named after its sound, for a screen reader and for tests.
        auto *name = new QLabel(strips[i].name, this);
        Row row{new LevelMeter(this), new QLabel(this), new QToolButton(this), new QLabel(this)};
        for (QWidget *widget : {static_cast<QWidget *>(name), static_cast<QWidget *>(row.meter),
                                static_cast<QWidget *>(row.level), static_cast<QWidget *>(row.mute),
                                static_cast<QWidget *>(row.problem)})
            widget->setAccessibleName(strips[i].name);
        row.meter->setObjectName(QStringLiteral("meter"));
        row.level->setObjectName(QStringLiteral("level"));
        row.level->setMinimumWidth(
            row.level->fontMetrics().horizontalAdvance(QStringLiteral("-00.0 dB")));
        row.mute->setObjectName(QStringLiteral("mute"));
        row.mute->setText(tr("Mute"));
        row.mute->setCheckable(true);
        row.mute->setChecked(strips[i].muted);
        connect(row.mute, &QToolButton::toggled, this, [this, i](bool muted) {
            if (m_mixer)
                m_mixer->setMuted(i, muted);
        });
        row.problem->setObjectName(QStringLiteral("problem"));
        row.problem->setWordWrap(true);
        row.problem->setStyleSheet(
            QStringLiteral("color: %1").arg(severityColour(Severity::Error).name()));
        row.problem->hide();
        const int line = 1 + 2 * i;
        m_grid->addWidget(name, line, 0);
        m_grid->addWidget(row.meter, line, 1);
        m_grid->addWidget(row.level, line, 2);
        m_grid->addWidget(row.mute, line, 3);
        m_grid->addWidget(row.problem, line + 1, 0, 1, 4);
        m_widgets << name << row.meter << row.level << row.mute << row.problem;
        m_rows.append(row);
    }
    refresh();
    m_poll.start();
}

void MixerPanel::detach()
{
    m_poll.stop();
    m_mixer.reset();
    qDeleteAll(m_widgets);
    m_widgets.clear();
    m_rows.clear();
    m_idle->setText(tr("The sounds being mixed show here while live."));
    m_idle->show();
}

void MixerPanel::refresh()
{
    if (!m_mixer)
        return;
    const QList<AudioMixer::Strip> strips = m_mixer->strips();
    for (int i = 0; i < std::min(strips.size(), m_rows.size()); ++i) {
        const Row &row = m_rows[i];
        row.meter->setLevel(strips[i].level);
        row.level->setText(dbfsText(strips[i].level.peakDbfs));
        // What the mixer holds, so a mute that did not take would show.
        row.mute->setText(strips[i].muted ? tr("Muted") : tr("Mute"));
        row.problem->setText(strips[i].problem);
        row.problem->setVisible(!strips[i].problem.isEmpty());
    }
}

} // namespace nova
