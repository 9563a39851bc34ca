#pragma once

#include <QGroupBox>
#include <QList>
#include <QTimer>

#include <memory>

class QLabel;
class QToolButton;
class QGridLayout;

namespace nova {

class AudioMixer;
class LevelMeter;

// The audio mixer strip: a row per sound being mixed (its name, meter, level in dBFS, mute and,
// when it gives nothing, why). Handed the broadcast's mixer while live; it reads the meters ten
// times a second and mutes through it.
class MixerPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit MixerPanel(QWidget *parent = nullptr);

    void attach(std::shared_ptr<AudioMixer> mixer);
    void detach();

private:
    struct Row
    {
        LevelMeter *meter;
        QLabel *level;
        QToolButton *mute;
        QLabel *problem;
    };
    void refresh();

    std::shared_ptr<AudioMixer> m_mixer;
    QGridLayout *m_grid;
    QLabel *m_idle;
    QList<Row> m_rows;
    QList<QWidget *> m_widgets; // of the rows, to remove on detach
    QTimer m_poll;
};

} // namespace nova
