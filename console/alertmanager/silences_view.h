#pragma once

#include "console/alertmanager/alertmanager_types.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace nova {

class SilencesFeed;

// Alertmanager in the console: its alerts, the silenced ones apart (after the active ones, in
// grey), and its silences; Silence… mutes the selected alert (SilenceDialog), Expire ends the
// selected silence. Draws what the feed reads; `who` is the default author of a silence.
class SilencesView : public QWidget
{
    Q_OBJECT

public:
    SilencesView(SilencesFeed &feed, QString who, QWidget *parent = nullptr);

    const QList<ManagedAlert> &alerts() const { return m_alerts; }
    const QList<Silence> &silences() const { return m_silences; }
    QTreeWidget *alertList() const { return m_alertList; }
    QTreeWidget *silenceList() const { return m_silenceList; }

signals:
    void actionFailed(const QString &message);

private:
    void show(const QList<ManagedAlert> &alerts, const QList<Silence> &silences);
    void silenceSelected();
    void expireSelected();
    void updateButtons();

    SilencesFeed &m_feed;
    QString m_who;
    QList<ManagedAlert> m_alerts;
    QList<Silence> m_silences;
    QLabel *m_state = nullptr;
    QTreeWidget *m_alertList = nullptr;
    QTreeWidget *m_silenceList = nullptr;
    QPushButton *m_silence = nullptr;
    QPushButton *m_expire = nullptr;
};

} // namespace nova
